/**
 * The scripts' view of a deployment: its amplify_outputs.json (what `npm run deploy:sandbox` wrote
 * to app/public, or the file given with --outputs). The local stack's file works too: it names
 * its own Cognito endpoint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root';

/** Where deploying writes amplify_outputs.json: the PWA build picks it up there. */
export const OUTPUTS_DIR = join(REPO_ROOT, 'app', 'public');
export const DEFAULT_OUTPUTS = join(OUTPUTS_DIR, 'amplify_outputs.json');

export interface DeployedOutputs {
  region: string;
  userPoolId: string;
  /** Absent in AWS (the SDK knows the regional endpoint). */
  cognitoEndpoint?: string;
  /** The tag value on the deployment's IVS channels. */
  deploymentId?: string;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--outputs <file>` from the arguments, else the default file; the rest of the arguments. */
export function outputsArgument(args: string[]): { file: string; rest: string[] } {
  const at = args.indexOf('--outputs');
  if (at === -1) return { file: DEFAULT_OUTPUTS, rest: args };
  const file = args[at + 1];
  if (!file) throw new UsageError('--outputs needs a file: the amplify_outputs.json of the deployment');
  return { file, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

export function readDeployedOutputs(file: string): DeployedOutputs {
  if (!existsSync(file)) {
    throw new UsageError(
      `${file} does not exist. Deploy first (npm run deploy:sandbox writes it), or pass --outputs <amplify_outputs.json>.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not an amplify_outputs.json: ${(error as Error).message}`);
  }
  const outputs = parsed as {
    auth?: { aws_region?: string; user_pool_id?: string };
    custom?: { cognitoEndpoint?: string; deploymentId?: string };
  };
  const region = outputs.auth?.aws_region;
  const userPoolId = outputs.auth?.user_pool_id;
  if (!region || !userPoolId)
    throw new UsageError(`${file} names no user pool (auth.user_pool_id, auth.aws_region)`);
  return {
    region,
    userPoolId,
    cognitoEndpoint: outputs.custom?.cognitoEndpoint,
    deploymentId: outputs.custom?.deploymentId,
  };
}
