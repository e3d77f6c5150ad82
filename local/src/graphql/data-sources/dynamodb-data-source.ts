/**
 * AMAZON_DYNAMODB data source: executes AppSync's DynamoDB request objects (GetItem, PutItem,
 * UpdateItem, DeleteItem, Query, Scan) against the DynamoDB API, and shapes results and errors the
 * way AppSync hands them to response handlers (plain JSON; `DynamoDB:<Exception>` error types).
 */
import {
  DeleteItemCommand,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DataSource, DataSourceOutcome } from './data-source';
import type { PageTokens } from './page-token';

type Values = Record<string, AttributeValue>;

interface ExpressionPart {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Values;
}

interface RequestObject {
  operation: string;
  key?: Values;
  attributeValues?: Values;
  condition?: ExpressionPart;
  update?: ExpressionPart;
  query?: ExpressionPart;
  filter?: ExpressionPart;
  projection?: ExpressionPart;
  index?: string;
  limit?: number;
  nextToken?: string;
  scanIndexForward?: boolean;
  consistentRead?: boolean;
  segment?: number;
  totalSegments?: number;
}

export const SUPPORTED_OPERATIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan'];

class RequestError extends Error {}

/** Names and values of several expression parts go to DynamoDB as one map each. */
function merge(...parts: (ExpressionPart | undefined)[]) {
  const names: Record<string, string> = {};
  const values: Values = {};
  for (const part of parts) {
    Object.assign(names, part?.expressionNames);
    for (const [placeholder, value] of Object.entries(part?.expressionValues ?? {})) {
      if (placeholder in values && JSON.stringify(values[placeholder]) !== JSON.stringify(value)) {
        throw new RequestError(`Expression value ${placeholder} is given twice with different values.`);
      }
      values[placeholder] = value;
    }
  }
  return {
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

const item = (values: Values | undefined) => (values ? unmarshall(values) : null);

export class DynamoDBDataSource implements DataSource {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly pageTokens: PageTokens,
  ) {}

  async execute(raw: unknown): Promise<DataSourceOutcome> {
    const request = raw as RequestObject;
    try {
      return { result: await this.run(request) };
    } catch (error) {
      if (error instanceof RequestError)
        return { error: { message: error.message, type: 'DynamoDB:ValidationException' } };
      if (error instanceof DynamoDBServiceException) {
        const message =
          error.name === 'ConditionalCheckFailedException'
            ? `The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: ${error.$metadata.requestId ?? 'local'})`
            : error.message;
        return { error: { message, type: `DynamoDB:${error.name}` } };
      }
      throw error;
    }
  }

  private async run(request: RequestObject): Promise<unknown> {
    const TableName = this.tableName;
    const condition = request.condition
      ? { ConditionExpression: request.condition.expression, ...merge(request.condition) }
      : {};
    switch (request.operation) {
      case 'GetItem': {
        const { Item } = await this.client.send(
          new GetItemCommand({
            TableName,
            Key: request.key,
            ConsistentRead: request.consistentRead,
            ...(request.projection
              ? { ProjectionExpression: request.projection.expression, ...merge(request.projection) }
              : {}),
          }),
        );
        return item(Item);
      }
      case 'PutItem': {
        const Item = { ...request.attributeValues, ...request.key };
        await this.client.send(new PutItemCommand({ TableName, Item, ...condition }));
        return item(Item);
      }
      case 'UpdateItem': {
        if (!request.update) throw new RequestError('UpdateItem needs an update expression.');
        const { Attributes } = await this.client.send(
          new UpdateItemCommand({
            TableName,
            Key: request.key,
            UpdateExpression: request.update.expression,
            ConditionExpression: request.condition?.expression,
            ReturnValues: 'ALL_NEW',
            ...merge(request.update, request.condition),
          }),
        );
        return item(Attributes);
      }
      case 'DeleteItem': {
        const { Attributes } = await this.client.send(
          new DeleteItemCommand({ TableName, Key: request.key, ReturnValues: 'ALL_OLD', ...condition }),
        );
        return item(Attributes);
      }
      case 'Query':
      case 'Scan':
        return this.read(request);
      default:
        throw new RequestError(
          `Operation ${request.operation} is not supported by the local runtime (supported: ${SUPPORTED_OPERATIONS.join(', ')}).`,
        );
    }
  }

  private scope(request: RequestObject): string {
    return `${request.operation}:${this.tableName}:${request.index ?? ''}`;
  }

  private async read(request: RequestObject) {
    let ExclusiveStartKey: Values | undefined;
    if (request.nextToken) {
      ExclusiveStartKey = this.pageTokens.open(request.nextToken, this.scope(request));
      if (!ExclusiveStartKey)
        throw new RequestError('The nextToken is invalid or was issued for another query.');
    }
    const common = {
      TableName: this.tableName,
      IndexName: request.index,
      Limit: request.limit,
      ExclusiveStartKey,
      ConsistentRead: request.consistentRead,
      FilterExpression: request.filter?.expression,
      ProjectionExpression: request.projection?.expression,
    };
    const output =
      request.operation === 'Query'
        ? await this.client.send(
            new QueryCommand({
              ...common,
              KeyConditionExpression: request.query?.expression,
              ScanIndexForward: request.scanIndexForward,
              ...merge(request.query, request.filter, request.projection),
            }),
          )
        : await this.client.send(
            new ScanCommand({
              ...common,
              Segment: request.segment,
              TotalSegments: request.totalSegments,
              ...merge(request.filter, request.projection),
            }),
          );
    return {
      items: (output.Items ?? []).map((values) => unmarshall(values)),
      nextToken: output.LastEvaluatedKey
        ? this.pageTokens.seal(output.LastEvaluatedKey, this.scope(request))
        : null,
      scannedCount: output.ScannedCount ?? 0,
    };
  }
}
