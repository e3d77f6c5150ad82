/** How resolver code stops a field: util.error, util.unauthorized and runtime.earlyReturn. */

/** A GraphQL error as AppSync reports it: message plus errorType, data and errorInfo. */
export interface AppSyncErrorFields {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** Thrown by util.error / util.unauthorized: ends the handler; the field resolves to null with this error. */
export class ResolverError extends Error {
  constructor(readonly fields: AppSyncErrorFields) {
    super(fields.message);
  }
}

/** Thrown by runtime.earlyReturn: skips ahead with a result (see executor.ts for where to). */
export class EarlyReturn extends Error {
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT',
  ) {
    super('runtime.earlyReturn');
  }
}

/** Resolver code used something this local runtime does not implement: fail loudly, never differ silently. */
export class UnsupportedFeatureError extends Error {
  override name = 'UnsupportedFeatureError';
  constructor(feature: string) {
    super(`${feature} is not supported by the local APPSYNC_JS runtime (see local/README.md).`);
  }
}
