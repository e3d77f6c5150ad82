/**
 * On ECS (Fargate), the endpoint id is the task's id, so that EventBridge's "task stopped" event,
 * which names the task by ARN, can mark this endpoint STOPPED. The task ARN comes from the task
 * metadata endpoint v4 (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html).
 */

/** The task id (the ARN's last part), or undefined when not running on ECS. */
export async function ecsTaskId(
  env: Record<string, string | undefined> = process.env,
): Promise<string | undefined> {
  const base = env.ECS_CONTAINER_METADATA_URI_V4;
  if (!base) return undefined;
  const response = await fetch(`${base}/task`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`ECS task metadata answered HTTP ${response.status}`);
  const { TaskARN } = (await response.json()) as { TaskARN?: unknown };
  const id = typeof TaskARN === 'string' ? TaskARN.split('/').at(-1) : undefined;
  if (!id || !/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`ECS task metadata has no usable TaskARN`);
  return id;
}
