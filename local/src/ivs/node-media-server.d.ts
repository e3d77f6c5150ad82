/**
 * The parts of node-media-server 2.7 the local ingest uses: its RTMP session (handshake, chunking,
 * AMF, publish/play) and its event bus. It ships no types; these cover only what we call.
 */
declare module 'node-media-server/src/node_rtmp_session' {
  import type { Socket } from 'node:net';
  interface RtmpSessionConfig {
    rtmp: { chunk_size: number; gop_cache: boolean; ping: number; ping_timeout: number };
  }
  class NodeRtmpSession {
    constructor(config: RtmpSessionConfig, socket: Socket);
    id: string;
    ip: string;
    run(): void;
    reject(): void;
    stop(): void;
  }
  export = NodeRtmpSession;
}

declare module 'node-media-server/src/node_core_ctx' {
  import type { EventEmitter } from 'node:events';
  const context: {
    nodeEvent: EventEmitter;
    sessions: Map<string, { reject(): void; stop(): void; ip: string }>;
    /** Stream path -> id of the session publishing it. */
    publishers: Map<string, string>;
  };
  export = context;
}

declare module 'node-media-server/src/node_core_logger' {
  export const LOG_TYPES: { NONE: 0; ERROR: 1; NORMAL: 2; DEBUG: 3; FFDEBUG: 4 };
  export function setLogType(type: number): void;
}
