/**
 * What `npm run verify` says when a step fails: the exact symptom (an HTTP status, a close code, a
 * GraphQL errorType, an AWS exception, a network error code), and from the one table below, what
 * most likely caused it and where to look. A symptom nobody foresaw still prints exactly; it just
 * has no likely cause.
 */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { CognitoError } from '../../../app/src/auth/cognito-api';
import type { StepId } from './steps';

/** A failure whose symptom is known precisely (`<kind>:<detail>`, e.g. `wss:http-504`). */
export class VerifyFailure extends Error {
  override name = 'VerifyFailure';
  constructor(
    readonly symptom: string,
    message: string,
  ) {
    super(message);
  }
}

type Cause = readonly [step: StepId | '*', symptom: string, cause: string];

const ADMIN_PERMISSIONS =
  'cognito-idp:AdminCreateUser, AdminSetUserPassword, AdminAddUserToGroup and AdminDeleteUser on the user pool';
const WRONG_DEPLOYMENT =
  'amplify_outputs.json is from another deployment (or an older one), or your credentials are for another account or region (`aws sts get-caller-identity`)';

const SKEW =
  'transwrap and verify disagree on transwrap/PROTOCOL.md: run verify from the commit that was deployed';

/** Foreseen failures, by step ('*': any step) and symptom; the first match wins. One row a line. */
// prettier-ignore
export const LIKELY_CAUSES: readonly Cause[] = [
  // Admin rights (your AWS credentials; locally the stack's).
  ['*', 'aws:CredentialsProviderError', `no AWS credentials: sign in (\`aws sso login\`, or set AWS_PROFILE) with rights to ${ADMIN_PERMISSIONS}`],
  ['*', 'aws:AccessDeniedException', `your AWS credentials may not manage this pool's users: they need ${ADMIN_PERMISSIONS}`],
  ['*', 'aws:UnrecognizedClientException', 'the AWS credentials were refused: expired (`aws sso login` again) or not for this partition; locally, local-stack.json is from another run of the stack'],
  ['*', 'aws:InvalidSignatureException', 'the AWS credentials were refused (wrong secret key); locally, local-stack.json is from another run of the stack'],
  ['*', 'aws:ExpiredTokenException', 'your AWS session expired: `aws sso login` again'],
  ['seller', 'aws:ResourceNotFoundException', `the user pool (or its \`sellers\` group) does not exist: ${WRONG_DEPLOYMENT}`],
  ['seller', 'aws:InvalidPasswordException', "the pool's password policy is stricter than Amplify's default (amplify/auth/resource.ts)"],
  ['delete-seller', 'aws:ResourceNotFoundException', 'the user pool is gone: the deployment was deleted while verify ran'],

  // Signing in as the PWA does (Cognito's JSON API, USER_PASSWORD_AUTH).
  ['sign-in', 'cognito:InvalidParameterException', 'the app client does not allow USER_PASSWORD_AUTH, which the PWA signs in with: amplify/backend.ts sets explicitAuthFlows; redeploy'],
  ['sign-in', 'cognito:NotAuthorizedException', `Cognito refused a password it was just given: the app client belongs to another pool (${WRONG_DEPLOYMENT}), or it has a client secret (the PWA's must have none)`],
  ['sign-in', 'cognito:ResourceNotFoundException', `the app client does not exist: ${WRONG_DEPLOYMENT}`],
  ['sign-in', 'cognito:ChallengeNotSupported', 'the pool asks for another sign-in step (MFA, a new password) that the PWA cannot answer: sellers could not sign in either'],
  ['sign-in', 'cognito:UserLambdaValidationException', "one of the pool's Lambda triggers refused the sign-in: see its CloudWatch log"],
  ['sign-in', 'cognito:NetworkError', 'Cognito cannot be reached from here: check the region in amplify_outputs.json and your network'],

  // The API (AppSync), with the seller's ID token.
  ['channel', 'http:401', `the API refused the seller's token: its user pool is not the one sign-in used (${WRONG_DEPLOYMENT})`],
  ['channel', 'graphql:Unauthorized', 'the API refused the seller: the token has no `sellers` group (AdminAddUserToGroup did not take, or the schema names other groups)'],
  ['channel', 'graphql:QuotaExceeded', "the deployment's channel quota refused a new seller's first channel: the quota is set to 0"],
  ['channel', 'graphql:ServiceQuotaExceededException', "IVS's channel quota for this account and region is used up (Service Quotas: Amazon Interactive Video Service, Channels)"],
  ['channel', 'graphql:AccessDeniedException', 'the IvsControl Lambda may not call ivs:CreateChannel (amplify/api/ivs-control-function.ts) or IVS is not available in this region'],
  ['channel', 'graphql:Lambda:Unhandled', 'the IvsControl Lambda failed: its CloudWatch log says why (IVS not available in this region? no permission?)'],
  ['*', 'http:401', "the API refused the request's credentials: the token or API key is not this API's"],

  // Watching the channel with the public API key, as viewers do.
  ['status', 'timeout', "AppSync's real-time endpoint did not acknowledge the subscription: it cannot be reached from here (wss:// on 443), or the public API key has expired (they last a year: redeploy to renew)"],
  ['status', 'graphql:UnauthorizedException', 'the public API key was refused: it expired (redeploy to renew) or onChannelStatus no longer allows API_KEY'],

  // The ticket (startBroadcast).
  ['ticket', 'graphql:NoEndpointAvailable', 'no transwrap task is registered ACTIVE with a heartbeat in the last 30 s: the ECS service has no running task, or its tasks cannot call AppSync (task role, outbound 443); see the service events and the transwrap log group. Locally: the stack runs no transwrap (TRANSWRAP_INSTANCES=0)'],
  ['ticket', 'ticket:insecure-url', "the endpoint registered a ws:// URL on a public host: transwrap's PUBLIC_URL must be the wss:// CloudFront URL"],

  // The ingest WebSocket (through CloudFront and the ALB in AWS).
  ['connect', 'wss:http-504@CloudFront', 'the ALB does not admit CloudFront: its security group must allow the managed prefix list com.amazonaws.global.cloudfront.origin-facing (VPC-origin traffic does not come from the VPC CIDR)'],
  ['connect', 'wss:http-502@CloudFront', 'CloudFront reached no listener behind its VPC origin: the ALB or its port 80 listener is missing, or the VPC origin points at another load balancer'],
  ['connect', 'wss:http-503', 'the ALB has no healthy transwrap target: no task is running, or the tasks fail the /health check (target group health, task logs)'],
  ['connect', 'wss:http-504', 'a gateway timed out reaching transwrap: the load balancer cannot reach the tasks (security groups) or they do not answer'],
  ['connect', 'wss:http-502', 'a gateway got a bad answer from behind it: the tasks are restarting or reject the load balancer (security groups)'],
  ['connect', 'wss:http-404', "the ALB answered 404: it forwards exactly /ingest, and the ticket names another path (transwrap's PUBLIC_URL must end in /ingest)"],
  ['connect', 'wss:http-403', 'refused before transwrap: a CloudFront geo restriction or WAF rule, or an Origin allow-list (verify sends no Origin, which transwrap accepts)'],
  ['connect', 'wss:http-400', 'the WebSocket upgrade did not reach transwrap intact: the CloudFront behaviour must forward all viewer headers (Sec-WebSocket-*) to the origin'],
  ['connect', 'wss:http-426', 'the WebSocket upgrade did not reach transwrap intact: the CloudFront behaviour must forward all viewer headers (Sec-WebSocket-*) to the origin'],
  ['connect', 'wss:no-subprotocol', 'something between here and transwrap dropped the Sec-WebSocket-Protocol header (golive-ingest.v1)'],
  ['connect', 'network:ENOTFOUND', 'the ingest host does not resolve: a new CloudFront distribution can take minutes to appear in DNS; otherwise the registered URL is wrong'],
  ['connect', 'network:ECONNREFUSED', 'nothing listens at the ingest URL: the transwrap the ticket names is down (a crashed instance stays ACTIVE in the registry until its heartbeat is 30 s old)'],
  ['connect', 'network:ECONNRESET', 'the connection was cut during the handshake: a proxy on this network does not pass WebSockets, or transwrap died'],
  ['connect', 'network:TLS', 'TLS with the ingest host failed: a TLS-inspecting proxy on this network, or the URL does not name the CloudFront domain'],
  ['connect', 'timeout', 'the ingest host does not answer: outbound 443 is blocked here, or CloudFront cannot reach its origin and holds the request'],

  // transwrap's close codes (transwrap/PROTOCOL.md), wherever they come.
  ['*', 'close:4003', "transwrap refused the seller's access token: its COGNITO_ISSUER / COGNITO_CLIENT_IDS do not name this user pool and app client (the ingest stack's container environment)"],
  ['*', 'close:4004', 'ticket refused: it was issued for an endpoint at another URL (tasks must register the URL clients use), it expired (60 s), or transwrap may not call claimIngest (task role, API_URL)'],
  ['*', 'close:4005', 'transwrap cannot relay H.264 + Opus in Matroska, which Chrome sends: its FFmpeg build lacks what it needs'],
  ['*', 'close:4010', "transwrap could not parse the test pattern: this machine's FFmpeg wrote Matroska transwrap's FFmpeg cannot read"],
  ['*', 'close:4011', "the relay to IVS failed and could not restart: the tasks cannot reach IVS's RTMPS ingest (outbound 443: subnet route, NAT, egress rules) or IVS refused the stream key"],
  ['*', 'close:4012', 'the broadcast was stopped (stopBroadcast) by someone else while verify ran'],
  ['*', 'close:4013', 'every transwrap task is full: wait, or raise GOLIVE_TRANSWRAP_MAX_TASKS'],
  ['*', 'close:4029', "too many connections from one address: behind CloudFront and the ALB transwrap must count the viewer's address (TRUSTED_PROXY_HOPS=2), not CloudFront's"],
  ['*', 'close:1009', SKEW],
  ['*', 'close:4000', SKEW],
  ['*', 'close:4001', SKEW],
  ['*', 'close:4002', SKEW],
  ['*', 'close:4006', SKEW],
  ['*', 'close:4009', "transwrap's relay could not keep up with the test pattern's 1 Mb/s: the task is short of CPU (other broadcasts transcoding?)"],
  ['*', 'close:4008', 'transwrap got no media for its idle timeout: this machine could not encode the test pattern in real time'],
  ['*', 'close:1001', 'the transwrap task is shutting down (a deployment or scale-in): run verify again'],
  ['*', 'close:1006', 'the connection dropped without a close frame: CloudFront or the ALB cut it (idle timeout), or the task died'],
  ['hello', 'timeout', "transwrap did not answer the hello: its claimIngest call to the API hangs (the tasks' outbound 443 to AppSync), or the relay to IVS does not start"],

  // Going live: transwrap's stats say how far the stream got.
  ['live', 'live:relay-live', "IVS receives the stream (transwrap's relay is live) but no LIVE reached the API: the EventBridge rule for IVS Stream State Change does not deliver to AppSync (events stack; the undelivered-events queue keeps what failed)"],
  ['live', 'live:relay-connecting', "transwrap cannot get the stream into IVS: the tasks' outbound RTMPS (443) to the channel's ingest endpoint fails (subnet route, NAT, security group egress)"],
  ['live', 'live:no-stats', 'transwrap relays nothing: its log says why FFmpeg did not start'],
  ['publish', 'ffmpeg:exit', 'FFmpeg on this machine could not make the test pattern: it needs libx264 and libopus (Debian: apt-get install ffmpeg)'],
  ['publish', 'ffmpeg:missing', 'FFmpeg is not installed here: install it (Debian: apt-get install ffmpeg) or set FFMPEG_PATH'],

  // Playback (IVS's HLS).
  ['playlist', 'playback:http-404', "IVS serves no playlist for the channel: it never received the stream, or the playback URL is not this channel's"],
  ['playlist', 'playback:http-403', 'playback was refused: the channel requires playback authorization (a private channel), or this network is blocked'],
  ['playlist', 'playback:no-segments', 'the playlist lists no media yet: IVS has not packaged the stream (it needs a keyframe at least every 2 s)'],
  ['segment', 'playback:not-media', 'the segment is neither MPEG-TS nor fragmented MP4: something on this network answered instead of IVS'],

  // Ending.
  ['stop', 'timeout', 'transwrap did not end the broadcast after `stop`: its relay did not finish (transwrap log)'],
  ['offline', 'timeout', "no OFFLINE reached the API after the broadcast ended: transwrap's report or IVS's Stream End event (EventBridge, events stack) did not arrive"],
  ['delete-channel', 'graphql:Conflict', 'IVS still has the channel live: it is left behind; delete it later in the admin console or with `npm run destroy`'],

  // Anywhere.
  ['*', 'network:ENOTFOUND', 'a host does not resolve from here: check your network and the URLs in amplify_outputs.json'],
  ['*', 'network:ECONNREFUSED', 'nothing listens there: locally, is the stack running (npm start)?'],
  ['*', 'network:ETIMEDOUT', 'a host does not answer: outbound HTTPS is blocked here'],
];

/** The likely cause of a symptom at a step; `wss:http-504@CloudFront` falls back to `wss:http-504`. */
export function likelyCause(step: StepId, symptom: string): string | undefined {
  const find = (wanted: string) =>
    LIKELY_CAUSES.find(([forStep, known]) => (forStep === step || forStep === '*') && known === wanted)?.[2];
  return find(symptom) ?? find(symptom.split('@')[0]!);
}

/** A network error's code (ECONNREFUSED, ENOTFOUND, a TLS code...), wherever fetch or the SDK put it. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+|[A-Z_]*(CERT|TLS|SSL)[A-Z_]*)$/.test(code))
    return /CERT|TLS|SSL/.test(code) ? 'TLS' : code;
  return networkCode(cause, depth + 1);
}

/** The symptom of whatever a step threw, and the exact words to print for it. */
export function describeFailure(error: unknown): { symptom: string; message: string } {
  if (error instanceof VerifyFailure) return { symptom: error.symptom, message: error.message };
  if (CombinedGraphQLErrors.is(error)) {
    const first: { message: string; errorType?: string } | undefined = error.errors[0];
    const type = first?.errorType ?? 'unknown';
    return {
      symptom: `graphql:${type}`,
      message: `GraphQL error ${type}: ${first?.message ?? error.message}`,
    };
  }
  if (ServerError.is(error))
    return {
      symptom: `http:${error.statusCode}`,
      message: `HTTP ${error.statusCode} from the API: ${error.bodyText.slice(0, 300)}`,
    };
  if (error instanceof CognitoError)
    return { symptom: `cognito:${error.code}`, message: `${error.code}: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  const code = networkCode(error);
  if (code) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return {
      symptom: `network:${code}`,
      message: cause && cause !== message ? `${message}: ${cause}` : message,
    };
  }
  if (error instanceof Error && ('$metadata' in error || error.name === 'CredentialsProviderError'))
    return { symptom: `aws:${error.name}`, message: `${error.name}: ${message}` };
  return { symptom: 'unknown', message };
}
