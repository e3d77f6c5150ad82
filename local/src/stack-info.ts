/**
 * `.data/local-stack.json` (a contract, see ARCHITECTURE.md): how tests, benchmarks and tools find
 * the running stack. Written once every service answers; removed when the stack stops.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoUser } from './cognito/demo-users';
import type { IvsServiceDetails } from './ivs/ivs-service';
import type { Credentials } from './credentials';
import { isAlive } from './process/is-alive';

export interface LocalStackInfo {
  /** The stack's process; a file whose pid is gone is stale. */
  pid: number;
  startedAt: string;
  dataDir: string;
  region: string;
  credentials: Credentials;
  dynamodb: { endpoint: string };
  cognito: {
    endpoint: string;
    userPoolId: string;
    clientId: string;
    issuer: string;
    jwksUrl: string;
    /** Where the emails Cognito would send (sign-up and reset codes) are written instead. */
    outbox: string;
  };
  /** The AppSync stand-in: HTTP, real-time WebSocket, the public API key, and the admin console. */
  graphql: { url: string; realtimeUrl: string; apiKey: string; consoleUrl: string };
  /** IVS: control plane for @aws-sdk/client-ivs, RTMP(S) ingest, HLS playback, the RTMPS certificate. */
  ivs: IvsServiceDetails;
  /** The transwrap instances browsers stream to. */
  transwrap: { id: string; url: string; healthUrl: string; pid: number }[];
  /** The PWA, built from app/, with its amplify_outputs.json for this stack (in LAN mode, its HTTPS address). */
  app: { url: string };
  /** LAN mode only: the one HTTPS origin phones use, the trust page, and the CA they trust. */
  lan?: {
    address: string;
    appUrl: string;
    trustPageUrl: string;
    /** The CA certificate's file (its key is beside it, owner-only, and goes nowhere). */
    caCertificate: string;
    caFingerprint: string;
    certificateNames: string[];
  };
  demoUsers: DemoUser[];
}

export const STACK_INFO_FILE = 'local-stack.json';

export function stackInfoPath(dataDir: string): string {
  return join(dataDir, STACK_INFO_FILE);
}

export function writeStackInfo(info: LocalStackInfo): void {
  const path = stackInfoPath(info.dataDir);
  // Written whole and renamed, so a reader never sees half a file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** The running stack's facts, or undefined when none is running on this data folder. */
export function readStackInfo(dataDir: string): LocalStackInfo | undefined {
  const path = stackInfoPath(dataDir);
  if (!existsSync(path)) return undefined;
  const info = JSON.parse(readFileSync(path, 'utf8')) as LocalStackInfo;
  return isAlive(info.pid) ? info : undefined;
}

export function removeStackInfo(dataDir: string): void {
  rmSync(stackInfoPath(dataDir), { force: true });
}
