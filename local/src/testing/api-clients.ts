/**
 * The identities tests use, each with the real clients the PWA and transwrap use: Apollo Client 4
 * with aws-appsync-auth-link and aws-appsync-subscription-link, over the local stack.
 */
import {
  CombinedGraphQLErrors,
  ServerError,
  type ApolloClient,
  type DocumentNode,
  type OperationVariables,
} from '@apollo/client';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { IvsClient } from '@aws-sdk/client-ivs';
import { AUTH_TYPE, createApiClient, type AuthOptions } from '@golive/common/graphql-client';
import { WebSocket } from 'ws';
import { Kind, OperationTypeNode } from 'graphql';
import type { LocalStackInfo } from '../stack-info';
import { LOCAL_ACCOUNT_ID } from '../credentials';
import { arnOf } from '../ivs/ivs-arn';
import { REGISTER_ENDPOINT } from '@golive/common/api-operations';

// The subscription link opens `new WebSocket(...)`, a global in browsers and Node 22+, not in Node 20.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export type Identity = 'seller' | 'otherSeller' | 'admin' | 'viewer' | 'service';
export const IDENTITIES: Identity[] = ['seller', 'otherSeller', 'admin', 'viewer', 'service'];

export function cognitoClient(info: LocalStackInfo): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: info.cognito.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}

/** The stack's IVS API, signed with the stack's credentials as the IvsControl Lambda's calls are. */
export function ivsClient(info: LocalStackInfo): IvsClient {
  return new IvsClient({
    endpoint: info.ivs.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}

/** The IVS ARN of an API channel: the channel's id is its IVS channel's. */
export function ivsChannelArn(info: LocalStackInfo, channelId: string): string {
  return arnOf(info.region, LOCAL_ACCOUNT_ID, 'channel', channelId);
}

export async function signIn(info: LocalStackInfo, username: string, password: string): Promise<string> {
  const cognito = cognitoClient(info);
  try {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: info.cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    if (!AuthenticationResult?.IdToken) throw new Error(`no ID token for ${username}`);
    return AuthenticationResult.IdToken;
  } finally {
    cognito.destroy();
  }
}

/** A confirmed user with a verified email and a permanent password, created through Cognito's admin API. */
export async function createUser(
  info: LocalStackInfo,
  username: string,
  password: string,
  groups: string[],
): Promise<void> {
  const cognito = cognitoClient(info);
  try {
    const UserPoolId = info.cognito.userPoolId;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: username },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    );
    for (const GroupName of groups)
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName }));
  } finally {
    cognito.destroy();
  }
}

export function authFor(
  info: LocalStackInfo,
  identity: Identity,
  tokens: Partial<Record<Identity, string>>,
): AuthOptions {
  if (identity === 'viewer') return { type: AUTH_TYPE.API_KEY, apiKey: info.graphql.apiKey };
  if (identity === 'service') return { type: AUTH_TYPE.AWS_IAM, credentials: { ...info.credentials } };
  const token = tokens[identity];
  if (!token) throw new Error(`no token for ${identity}`);
  return { type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS, jwtToken: token };
}

export function apolloClient(info: LocalStackInfo, auth: AuthOptions, url = info.graphql.url): ApolloClient {
  return createApiClient({
    url,
    region: info.region,
    auth,
    resubscribe: { initialDelayMs: 100, maxDelayMs: 1000 },
  });
}

export interface Identities {
  info: LocalStackInfo;
  tokens: Record<'seller' | 'otherSeller' | 'admin', string>;
  clients: Record<Identity, ApolloClient>;
  stop(): void;
}

let userCount = 0;

/** The stack's demo user in a group (sellers, admins). */
export function demoUser(
  info: LocalStackInfo,
  group: 'sellers' | 'admins',
): { username: string; password: string } {
  const user = info.demoUsers.find((candidate) => candidate.groups.includes(group));
  if (!user) throw new Error(`no demo user in ${group}`);
  return user;
}

/** Signs in the demo seller and admin, creates a second seller, and makes one client per identity. */
export async function identities(info: LocalStackInfo): Promise<Identities> {
  const seller = demoUser(info, 'sellers');
  const admin = demoUser(info, 'admins');
  const other = `seller-${process.pid}-${++userCount}@example.com`;
  await createUser(info, other, 'Other-seller-1', ['sellers']);
  const tokens = {
    seller: await signIn(info, seller.username, seller.password),
    otherSeller: await signIn(info, other, 'Other-seller-1'),
    admin: await signIn(info, admin.username, admin.password),
  };
  const clients = Object.fromEntries(
    IDENTITIES.map((identity) => [identity, apolloClient(info, authFor(info, identity, tokens))]),
  ) as Record<Identity, ApolloClient>;
  return { info, tokens, clients, stop: () => Object.values(clients).forEach((client) => client.stop()) };
}

export interface CallOutcome<T = Record<string, unknown>> {
  data: T | null | undefined;
  /** GraphQL errors (from a 200) or the errors of a refused request (401, 403, 400). */
  errors: { message: string; errorType?: string; path?: readonly (string | number)[] }[];
  /** HTTP status when the request itself was refused. */
  status?: number;
}

/** Runs a query or mutation and reports data and errors the way a user of the API sees them. */
export async function call<T = Record<string, unknown>>(
  client: ApolloClient,
  document: DocumentNode,
  variables?: OperationVariables,
): Promise<CallOutcome<T>> {
  const isMutation = document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.MUTATION,
  );
  try {
    const result = isMutation
      ? await client.mutate<T>({ mutation: document, variables, errorPolicy: 'all', fetchPolicy: 'no-cache' })
      : await client.query<T>({ query: document, variables, errorPolicy: 'all', fetchPolicy: 'no-cache' });
    const errors = CombinedGraphQLErrors.is(result.error) ? [...result.error.errors] : [];
    if (result.error && !CombinedGraphQLErrors.is(result.error))
      throw new Error(result.error.message, { cause: result.error });
    return { data: result.data as T | null | undefined, errors: errors };
  } catch (error) {
    if (ServerError.is(error)) {
      const body = JSON.parse(error.bodyText) as { errors: CallOutcome['errors'] };
      return { data: null, errors: body.errors, status: error.statusCode };
    }
    throw error;
  }
}

/**
 * An ACTIVE endpoint for a whole test file, heartbeating every 10 s as a running transwrap does:
 * registered once, it would go stale after HEARTBEAT_STALE_MS (30 s) and a slow run's later
 * startBroadcast would get NoEndpointAvailable. Call in beforeAll; stop() in afterAll.
 */
export async function keepTestEndpoint(
  service: ApolloClient,
  id: string,
  capacity = 100,
): Promise<{ stop(): void }> {
  await registerTestEndpoint(service, id, capacity);
  const heartbeat = setInterval(() => {
    // A missed beat shows as the test's own NoEndpointAvailable, which names the cause; the stack
    // may also be stopping while a beat is in flight.
    registerTestEndpoint(service, id, capacity).catch(() => undefined);
  }, 10_000);
  heartbeat.unref();
  return { stop: () => clearInterval(heartbeat) };
}

/** Registers an ACTIVE endpoint as transwrap would (IAM), so startBroadcast can issue tickets for it. */
export async function registerTestEndpoint(service: ApolloClient, id: string, capacity = 100): Promise<void> {
  const input = { id, url: 'ws://127.0.0.1:9999/ingest', region: 'local', capacity, status: 'ACTIVE' };
  const { errors } = await call(service, REGISTER_ENDPOINT, { input });
  if (errors.length) throw new Error(`could not register endpoint ${id}: ${JSON.stringify(errors)}`);
}
