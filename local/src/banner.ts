/** What `npm start` prints once the stack is up: where everything is and who to sign in as. */
import { relative } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { stackInfoPath, type LocalStackInfo } from './stack-info';

export function banner(info: LocalStackInfo): string {
  const where = (path: string) => relative(process.cwd(), path) || '.';
  const users = info.demoUsers.map(
    (user) =>
      `    ${user.username.padEnd(22)} password ${user.password.padEnd(16)} ${user.groups.join(', ')}`,
  );
  return [
    '',
    `Local stack is up. Data in ${where(info.dataDir)} (kept across restarts).`,
    '',
    `  Open the app   ${info.app.url}   (watch: ${info.app.url}  go live: ${info.app.url}live  admin: ${info.app.url}admin)`,
    '',
    `  GraphQL API    ${info.graphql.url}   (real-time ${info.graphql.realtimeUrl})`,
    `  Admin console  ${info.graphql.consoleUrl}   public API key ${info.graphql.apiKey}`,
    `  IVS API        ${info.ivs.endpoint}   playback ${info.ivs.hlsBaseUrl}`,
    `  IVS ingest     ${info.ivs.rtmpsUrl}   (plain: ${info.ivs.rtmpUrl}; certificate ${info.ivs.caCertificate})`,
    ...info.transwrap.map(
      (instance) => `  transwrap      ${instance.url}   (${instance.id}, health ${instance.healthUrl})`,
    ),
    `  DynamoDB API   ${info.dynamodb.endpoint}`,
    `  Cognito API    ${info.cognito.endpoint}   user pool ${info.cognito.userPoolId}, app client ${info.cognito.clientId}`,
    `  Emails         sign-up and password-reset codes are written to ${where(info.cognito.outbox)}`,
    '',
    '  Demo users:',
    ...users,
    '',
    `  Tools and tests find the stack in ${relative(REPO_ROOT, stackInfoPath(info.dataDir))}.`,
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
