/** The local GraphQL server's own process in a running stack, found as `ps` would show it. */
import { readFileSync } from 'node:fs';
import { descendantsOf } from '../../testing/process-tree';

export function graphqlServerPid(stackPid: number): number {
  const servers = descendantsOf(stackPid).filter((process) => {
    try {
      return readFileSync(`/proc/${process.pid}/cmdline`, 'utf8').includes('graphql/graphql-service.ts');
    } catch {
      return false;
    }
  });
  if (servers.length !== 1) throw new Error(`expected one GraphQL server process, found ${servers.length}`);
  return servers[0]!.pid;
}
