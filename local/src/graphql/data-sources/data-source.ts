/** What the executor needs from a data source: run one request object, report a result or an error. */
export interface DataSourceError {
  message: string;
  type: string;
}

export interface DataSourceOutcome {
  result?: unknown;
  error?: DataSourceError;
}

export interface DataSource {
  execute(request: unknown): Promise<DataSourceOutcome>;
}

/** NONE: the request's `payload` becomes the result, as in AppSync. */
export const noneDataSource: DataSource = {
  execute(request) {
    return Promise.resolve({ result: (request as { payload?: unknown } | null)?.payload ?? null });
  },
};
