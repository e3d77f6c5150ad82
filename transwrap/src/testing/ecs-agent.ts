/**
 * A stand-in for the ECS agent's task-protection endpoint (ECS cannot run here), speaking its API as
 * documented: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-scale-in-protection-endpoint.html
 * PUT <ECS_AGENT_URI>/task-protection/v1/state; success, `failure` (HTTP 200) or `error` (4xx).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TASK_ARN = 'arn:aws:ecs:eu-west-1:111122223333:task/golive/0123456789abcdef0123456789abcdef';

/** How the stand-in answers: as on success, or each of the ways the docs say it fails. */
export type AgentMode = 'ok' | 'failure' | 'error' | 'hang up';

export interface StandInAgent {
  /** ECS_AGENT_URI as ECS sets it: the agent's address with a per-container path. */
  uri: string;
  /** The bodies of the PUTs it was sent, in order. */
  requests: unknown[];
  mode: AgentMode;
  close(): Promise<void>;
}

export async function standInAgent(): Promise<StandInAgent> {
  const agent = { requests: [] as unknown[], mode: 'ok' as AgentMode };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const answer = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method !== 'PUT' || request.url !== '/api/container-1/task-protection/v1/state')
        return answer(404, {});
      agent.requests.push(JSON.parse(raw));
      // Like the agent: unknown fields and a missing ProtectionEnabled are refused (400).
      const body = JSON.parse(raw) as Record<string, unknown>;
      const known = Object.keys(body).every(
        (key) => key === 'ProtectionEnabled' || key === 'ExpiresInMinutes',
      );
      if (!known || typeof body.ProtectionEnabled !== 'boolean')
        return answer(400, {
          error: {
            Code: 'InvalidParameterException',
            Message: 'UpdateTaskProtection: failed to decode request',
          },
        });
      if (agent.mode === 'hang up') return request.socket.destroy();
      if (agent.mode === 'failure')
        return answer(200, { failure: { Arn: TASK_ARN, Detail: null, Reason: 'TASK_NOT_VALID' } });
      if (agent.mode === 'error')
        return answer(400, {
          requestID: '12345-abc-6789-0123-abc',
          error: {
            Arn: TASK_ARN,
            Code: 'AccessDeniedException',
            Message: 'User is not authorized to perform: ecs:UpdateTaskProtection',
          },
        });
      const minutes = typeof body.ExpiresInMinutes === 'number' ? body.ExpiresInMinutes : 120;
      answer(200, {
        protection: {
          ExpirationDate: body.ProtectionEnabled
            ? new Date(Date.now() + minutes * 60_000).toISOString()
            : null,
          ProtectionEnabled: body.ProtectionEnabled,
          TaskArn: TASK_ARN,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(agent, {
    uri: `http://127.0.0.1:${port}/api/container-1`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
