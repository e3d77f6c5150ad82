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
  // The AWS SDK reads the credentials from the environment. Set here, from the config that came
  // over IPC, they are not in /proc/<pid>/environ (which shows what a process started with).
  Object.assign(process.env, serviceArgument<TranswrapServiceConfig>().env);
  const running = await startTranswrap(loadConfig(process.env));
  // The pid lets an operator (or a fault test) find this instance as ECS would name its task.
  return { ...running, details: { ...running.details, pid: process.pid } };
});
