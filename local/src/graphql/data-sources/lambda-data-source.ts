/**
 * AWS_LAMBDA data source, run in-process: the request's `payload` goes to the handler, its return
 * value becomes the result, and a throw becomes a `Lambda:Unhandled` error as in AppSync.
 */
import type { DataSource, DataSourceOutcome } from './data-source';

export type LambdaHandler = (event: never) => Promise<unknown>;

export class LambdaDataSource implements DataSource {
  constructor(private readonly handler: LambdaHandler) {}

  async execute(raw: unknown): Promise<DataSourceOutcome> {
    const request = raw as { operation?: string; payload?: unknown };
    if (request?.operation !== 'Invoke') {
      return {
        error: {
          message: `Lambda operation ${String(request?.operation)} is not supported locally (only Invoke).`,
          type: 'Lambda:Request',
        },
      };
    }
    // A JSON round trip, as the payload and result cross the Lambda boundary in AWS.
    const event = JSON.parse(JSON.stringify(request.payload ?? null)) as never;
    try {
      return { result: JSON.parse(JSON.stringify((await this.handler(event)) ?? null)) as unknown };
    } catch (error) {
      return {
        error: { message: error instanceof Error ? error.message : String(error), type: 'Lambda:Unhandled' },
      };
    }
  }
}
