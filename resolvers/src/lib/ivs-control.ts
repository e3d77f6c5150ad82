/**
 * Requests to the IvsControl Lambda data source (resolvers/src/lambda/ivs-control.ts), the only
 * code that talks to IVS. The action names and payloads are the contract between the two.
 */
import { util, type Context } from '@aws-appsync/utils';

export type IvsAction =
  | { action: 'createChannel'; name: string; owner: string }
  | { action: 'deleteChannel'; arn: string }
  | { action: 'stopStream'; arn: string }
  | { action: 'stopStreams'; arns: string[] }
  | { action: 'getIngest'; arn: string }
  | { action: 'putMetadata'; arn: string; metadata: string };

export interface CreatedIvsChannel {
  arn: string;
  id: string;
  playbackUrl: string;
}

export interface IngestResult {
  ingestUrl: string;
  streamKey: string;
}

export function invoke(payload: IvsAction) {
  return { operation: 'Invoke' as const, payload };
}

/** Expected failures come back as a value (a thrown error would reach AppSync only as Lambda:Unhandled). */
export interface IvsFailure {
  error: { type: string; message: string };
}

/** The Lambda's answer, or the AppSync error it stands for. */
export function ivsResult<T>(ctx: Context): T {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const failure = ctx.result as Partial<IvsFailure> | null;
  if (failure?.error) util.error(failure.error.message, failure.error.type);
  return ctx.result as T;
}
