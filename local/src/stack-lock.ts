/**
 * One stack per data folder: two would fight over the same tables and users. The lock holds the
 * owner's pid, so a lock left by a killed stack is recognised and taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './process/is-alive';

export class StackAlreadyRunningError extends Error {
  override name = 'StackAlreadyRunningError';
}

export function acquireStackLock(dataDir: string): () => void {
  const file = join(dataDir, 'stack.lock');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(file, 'utf8'));
    if (owner !== process.pid && isAlive(owner)) {
      throw new StackAlreadyRunningError(
        `A local stack is already running on ${dataDir} (pid ${owner}). Stop it first (Ctrl-C, or kill ${owner}), or set LOCAL_DATA_DIR to another folder.`,
      );
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
