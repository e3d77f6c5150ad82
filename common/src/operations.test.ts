/**
 * A subscription delivers only the fields its triggering mutation selected: every Channel and
 * Endpoint selection in operations.graphql that a subscription or its triggers use must be the
 * same list the EventBridge targets select (api-selections.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type FieldNode } from 'graphql';
import { CHANNEL_FIELDS, ENDPOINT_FIELDS } from './api-selections';

const document = parse(readFileSync(join(__dirname, 'operations.graphql'), 'utf8'));

function selection(operationName: string): string {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === operationName,
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`no operation ${operationName}`);
  const root = operation.selectionSet.selections[0] as FieldNode;
  return (root.selectionSet?.selections ?? []).map((field) => (field as FieldNode).name.value).join(' ');
}

test.each(['OnChannelStatus', 'ReportStreamStatus', 'ReportViewerCount', 'SetChatSettings'])(
  '%s selects CHANNEL_FIELDS',
  (name) => {
    expect(selection(name)).toBe(CHANNEL_FIELDS);
  },
);

test.each(['OnEndpointChanged', 'RegisterEndpoint', 'HeartbeatEndpoint', 'SetEndpointStatus'])(
  '%s selects ENDPOINT_FIELDS',
  (name) => {
    expect(selection(name)).toBe(ENDPOINT_FIELDS);
  },
);
