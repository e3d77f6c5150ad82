/**
 * transwrap's side of the API, signed as IAM: redeem tickets, register the endpoint and report
 * its load and status, and report stream status (CONNECTING, INTERRUPTED).
 */
import {
  CombinedGraphQLErrors,
  type ApolloClient,
  type DocumentNode,
  type TypedDocumentNode,
} from '@apollo/client';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import {
  BROADCAST_STOPPED,
  BROADCAST_TAKEN_OVER,
  CLAIM_INGEST,
  HEARTBEAT_ENDPOINT,
  REGISTER_ENDPOINT,
  REPORT_STREAM_STATUS,
  SET_ENDPOINT_STATUS,
} from '@golive/common/api-operations';
import { AUTH_TYPE, createApiClient } from '@golive/common/graphql-client';
import type { EndpointStatus, StreamStatus } from '@golive/common/generated/schema-types';

export interface IngestDestination {
  channelId: string;
  owner: string;
  ingestUrl: string;
  streamKey: string;
  /** The `since` of broadcastStopped: a stop at or after it ends this broadcast. */
  ticketIssuedAt: string;
}

/** The API said no (as opposed to: the API could not be reached). */
export class ApiRefusal extends Error {
  constructor(
    message: string,
    readonly errorType: string | undefined,
  ) {
    super(message);
  }
}

export class ControlPlane {
  private readonly client: ApolloClient;

  constructor(url: string, region: string, credentials = defaultProvider()) {
    this.client = createApiClient({
      url,
      region,
      auth: { type: AUTH_TYPE.AWS_IAM, credentials: () => credentials() },
    });
  }

  private async mutate<T>(mutation: DocumentNode, variables: Record<string, unknown>): Promise<T> {
    const result = await this.client.mutate<T>({
      mutation,
      variables,
      errorPolicy: 'all',
      fetchPolicy: 'no-cache',
    });
    if (CombinedGraphQLErrors.is(result.error)) {
      const first: { message: string; errorType?: string } | undefined = result.error.errors[0];
      throw new ApiRefusal(first?.message ?? 'refused', first?.errorType);
    }
    if (result.error) throw new Error(result.error.message, { cause: result.error });
    return result.data as T;
  }

  async claimIngest(ticket: string, endpointId: string): Promise<IngestDestination> {
    return (await this.mutate<{ claimIngest: IngestDestination }>(CLAIM_INGEST, { ticket, endpointId }))
      .claimIngest;
  }

  /** Whether the owner or an admin stopped the broadcast at or after `since` (its ticket's issue). */
  async broadcastStopped(channelId: string, since: string): Promise<boolean> {
    return (await this.ask(BROADCAST_STOPPED, { channelId, since })).broadcastStopped ?? false;
  }

  /** Whether a ticket of the channel issued after `since` has been claimed: the seller went live again. */
  async broadcastTakenOver(channelId: string, since: string): Promise<boolean> {
    return (await this.ask(BROADCAST_TAKEN_OVER, { channelId, since })).broadcastTakenOver ?? false;
  }

  /** A query whose answer is not cached: each ask is a new question. */
  private async ask<T, V extends Record<string, unknown>>(
    query: TypedDocumentNode<T, V>,
    variables: V,
  ): Promise<Partial<T>> {
    const result = await this.client.query<T, V>({
      query,
      variables,
      errorPolicy: 'all',
      fetchPolicy: 'no-cache',
    });
    if (result.error) throw new Error(result.error.message, { cause: result.error });
    return result.data ?? {};
  }

  async register(input: {
    id: string;
    url: string;
    region: string;
    capacity: number;
    status: EndpointStatus;
  }): Promise<void> {
    await this.mutate(REGISTER_ENDPOINT, { input });
  }

  async heartbeat(id: string, sessions: number, load: number): Promise<void> {
    await this.mutate(HEARTBEAT_ENDPOINT, { input: { id, sessions, load } });
  }

  async setStatus(id: string, status: EndpointStatus): Promise<void> {
    await this.mutate(SET_ENDPOINT_STATUS, { id, status });
  }

  /** `at`: when the change happened here (reports may reach the API later, and are ordered by it). */
  async reportStreamStatus(channelId: string, status: StreamStatus, at = new Date()): Promise<void> {
    await this.mutate(REPORT_STREAM_STATUS, { input: { channelId, status, at: at.toISOString() } });
  }

  stop(): void {
    this.client.stop();
  }
}
