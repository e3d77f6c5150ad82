/**
 * The local AppSync endpoint: POST /graphql, the real-time WebSocket at /graphql/realtime, and the
 * admin console at GET /graphql. Nothing a client sends can crash it: every failure is answered.
 */
import { createServer, type Server } from 'node:http';
import type { Authenticator } from './auth/authenticate';
import { consolePage } from './console/console-page';
import type { ConsoleSignIn } from './console/console-sign-in';
import { requestError } from './errors';
import type { GraphqlApi } from './graphql-api';
import { CORS_HEADERS, createGraphqlHandler, send } from './http-handler';
import { RealtimeServer, type RealtimeOptions } from './realtime/realtime-server';

export const GRAPHQL_PATH = '/graphql';
export const REALTIME_PATH = `${GRAPHQL_PATH}/realtime`;

export interface GraphqlServerOptions {
  api: GraphqlApi;
  authenticate: Authenticator;
  realtime: Omit<RealtimeOptions, 'graphqlPath'>;
  signIn: ConsoleSignIn;
}

export function createGraphqlServer({ api, authenticate, realtime, signIn }: GraphqlServerOptions): {
  server: Server;
  realtime: RealtimeServer;
} {
  const graphql = createGraphqlHandler(api, authenticate);
  const realtimeServer = new RealtimeServer(api, authenticate, { ...realtime, graphqlPath: GRAPHQL_PATH });

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handle = async () => {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, CORS_HEADERS);
        return response.end();
      }
      if (path === GRAPHQL_PATH && request.method === 'POST') return graphql(request, response);
      if (path === GRAPHQL_PATH && request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' });
        return response.end(consolePage());
      }
      if (path === `${GRAPHQL_PATH}/console/sign-in` && request.method === 'POST')
        return signIn(request, response);
      send(
        response,
        404,
        requestError(
          'NotFoundException',
          `Nothing at ${request.method ?? ''} ${path}. The API is POST ${GRAPHQL_PATH}.`,
        ),
      );
    };
    handle().catch((error: unknown) => {
      console.error('graphql: unexpected error', error);
      if (!response.headersSent)
        send(response, 500, requestError('InternalFailure', 'An internal error occurred.'));
      else response.end();
    });
  });

  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    socket.on('error', () => socket.destroy());
    if (path !== REALTIME_PATH && path !== `${REALTIME_PATH}/`) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    realtimeServer.handleUpgrade(request, socket, head);
  });
  server.on('close', () => realtimeServer.close());
  return { server, realtime: realtimeServer };
}
