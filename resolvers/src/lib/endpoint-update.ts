/**
 * Updating a registered endpoint: an unknown (or expired and deleted) id is NotFound, not a new
 * item. Every update is a sign of life: it moves heartbeatAt and the row's expiry on.
 */
import { util, type Context } from '@aws-appsync/utils';
import { update, type DynamoDBUpdateObject } from '@aws-appsync/utils/dynamodb';
import { endpointExpiry, type EndpointItem } from './endpoint';
import { NOT_FOUND, refuseFailedCondition } from './results';

export function updateEndpoint(id: string, changes: DynamoDBUpdateObject<EndpointItem>) {
  return update<EndpointItem>({
    key: { id },
    update: { ...changes, heartbeatAt: util.time.nowISO8601(), expiresAtEpoch: endpointExpiry() },
    condition: { id: { attributeExists: true } },
  });
}

export function updatedEndpoint(ctx: Context): EndpointItem {
  refuseFailedCondition(ctx, 'No endpoint is registered with this id.', NOT_FOUND);
  return ctx.result as EndpointItem;
}
