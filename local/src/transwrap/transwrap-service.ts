/**
 * A transwrap instance run by the local stack as a child service: the same code as in production,
 * configured with the stack's API and credentials. Stopping it drains (clients are told to move).
 */
import { loadConfig } from '@golive/transwrap/config';
import { startTranswrap } from '@golive/transwrap/transwrap';
import { runService, serviceArgument } from '../process/run-service';

export interface TranswrapServiceConfig {
  env: Record<string, string>;
}

runService('transwrap', async () => {
  // Into this child's own environment only: the AWS SDK reads the credentials from there.
  Object.assign(process.env, serviceArgument<TranswrapServiceConfig>().env);
  const running = await startTranswrap(loadConfig(process.env));
  // The pid lets an operator (or a fault test) find this instance as ECS would name its task.
  return { ...running, details: { ...running.details, pid: process.pid } };
});
