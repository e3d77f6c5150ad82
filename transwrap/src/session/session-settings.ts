/**
 * What a session is given by its server: the instance's settings it uses, who vouches for
 * sellers, and the shapes of its answers.
 */
import type { TranswrapConfig } from '../config';
import type { SlateMaker } from '../relay/slate';

/** Tells who a seller's sign-in token belongs to (see api/seller-verifier.ts). */
export interface Sellers {
  sellerOf(token: string): Promise<string | undefined>;
}

/** What a session needs of the instance's settings, plus where FFmpeg is. */
export type SessionSettings = Pick<
  TranswrapConfig,
  | 'endpointId'
  | 'idleTimeoutMs'
  | 'maxMessageBytes'
  | 'relayLagAdviceMs'
  | 'relayStallTimeoutMs'
  | 'queueLimitBytes'
  | 'statsIntervalMs'
  | 'resumeGraceMs'
  | 'slateAfterMs'
  | 'stopCheckIntervalMs'
  | 'stopCheckWindowMs'
> & { ffmpeg: string; slates?: SlateMaker };

export type SessionState = 'verifying' | 'claiming' | 'relaying' | 'suspended' | 'stopping' | 'closed';

/** Why the server does not take a proven seller's broadcast: the close code and reason. */
export type Refusal = [code: number, reason: string];

/** The limits a `ready` tells the client (PROTOCOL.md, "ready"). */
export function readyLimits(settings: SessionSettings) {
  const { maxMessageBytes, idleTimeoutMs, statsIntervalMs, resumeGraceMs } = settings;
  return { maxMessageBytes, idleTimeoutMs, statsIntervalMs, resumeGraceMs };
}
