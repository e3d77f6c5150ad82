/**
 * ECS "Task State Change" events in the EventBridge shape ECS emits
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html), trimmed to
 * the fields this product reads. The local stack runs transwrap instances the way ECS runs tasks,
 * and sends this when one of them stops without being asked to (kill -9, a crash).
 */
import { randomUUID } from 'node:crypto';
import { eventTime, type AwsEvent } from './aws-event';

export const LOCAL_CLUSTER = 'golive-local';

export type TaskStateChangeEvent = AwsEvent<
  'ECS Task State Change',
  {
    clusterArn: string;
    taskArn: string;
    group: string;
    lastStatus: 'STOPPED';
    desiredStatus: 'STOPPED';
    stopCode: 'EssentialContainerExited';
    stoppedReason: string;
    stoppedAt: string;
  }
>;

/** Locally, the task id is the transwrap endpoint id, as it is on Fargate. */
export function taskStopped(
  endpointId: string,
  reason: string,
  where: { region: string; accountId: string },
): TaskStateChangeEvent {
  const clusterArn = `arn:aws:ecs:${where.region}:${where.accountId}:cluster/${LOCAL_CLUSTER}`;
  const taskArn = `arn:aws:ecs:${where.region}:${where.accountId}:task/${LOCAL_CLUSTER}/${endpointId}`;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: where.accountId,
    time: eventTime(),
    region: where.region,
    resources: [taskArn],
    detail: {
      clusterArn,
      taskArn,
      group: 'service:transwrap',
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: `Essential container in task exited: ${reason}`,
      stoppedAt: new Date().toISOString(),
    },
  };
}
