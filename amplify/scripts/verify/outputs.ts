/**
 * What verify checks, and with which admin rights: a deployment's amplify_outputs.json (the file
 * `npm run deploy:sandbox` writes, or `--outputs <file>`) with your AWS credentials, or with
 * `--local [data folder]` the running local stack, as its PWA sees it (the app's
 * /amplify_outputs.json) with the stack's own credentials (its Cognito wants SigV4 for Admin*
 * calls, as AWS does).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '@golive/local/config';
import type { Credentials } from '@golive/local/credentials';
import { readStackInfo } from '@golive/local/stack-info';
import {
  appConfigFrom,
  loadAppConfig,
  type AmplifyOutputs,
  type AppConfig,
} from '../../../app/src/config/app-config';
import { outputsArgument, UsageError } from '../deployed-outputs';

export interface VerifyTarget {
  /** Where the configuration came from, for the first line printed. */
  source: string;
  /** What the PWA reads from amplify_outputs.json: the API, its public key, the pool and client. */
  app: AppConfig;
  /** Where the Admin* calls go: the pool's region (and the local Cognito's endpoint). */
  admin: { region: string; endpoint?: string; credentials?: Credentials };
}

export const USAGE = 'Usage: npm run verify [-- --outputs <amplify_outputs.json> | --local [<data folder>]]';

function fromFile(file: string): VerifyTarget {
  if (!existsSync(file))
    throw new UsageError(
      `${file} does not exist. Deploy first (npm run deploy:sandbox writes it), pass --outputs <amplify_outputs.json>, or --local for the local stack.`,
    );
  let outputs: AmplifyOutputs;
  try {
    outputs = JSON.parse(readFileSync(file, 'utf8')) as AmplifyOutputs;
  } catch (error) {
    throw new UsageError(`${file} is not an amplify_outputs.json: ${(error as Error).message}`);
  }
  let app: AppConfig;
  try {
    app = appConfigFrom(outputs);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  // A copy of the local stack's file names its Cognito; AWS's regional endpoint needs no naming.
  const endpoint = outputs.custom?.cognitoEndpoint;
  return { source: file, app, admin: { region: app.region, ...(endpoint ? { endpoint } : {}) } };
}

async function fromLocalStack(dataDir: string): Promise<VerifyTarget> {
  const info = readStackInfo(dataDir);
  if (!info)
    throw new UsageError(
      `No local stack is running on ${dataDir}: start it with npm start (or name the data folder it uses).`,
    );
  const url = new URL('amplify_outputs.json', info.app.url).href;
  return {
    source: `the local stack (${url})`,
    app: await loadAppConfig(url),
    admin: {
      region: info.region,
      endpoint: info.cognito.endpoint,
      credentials: {
        accessKeyId: info.credentials.accessKeyId,
        secretAccessKey: info.credentials.secretAccessKey,
      },
    },
  };
}

export async function loadTarget(args: string[]): Promise<VerifyTarget> {
  const local = args.indexOf('--local');
  if (local !== -1) {
    const folder = args[local + 1];
    const rest = args.filter((_, at) => at !== local && at !== local + 1);
    if (rest.length > 0 || folder?.startsWith('--')) throw new UsageError(USAGE);
    const dataDir = folder ? loadConfig({ LOCAL_DATA_DIR: folder }).dataDir : loadConfig().dataDir;
    return fromLocalStack(dataDir);
  }
  const { file, rest } = outputsArgument(args);
  if (rest.length > 0) throw new UsageError(USAGE);
  return fromFile(file);
}
