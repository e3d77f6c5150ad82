/**
 * `node --import tsx amplify/testing/sample-outputs.ts <synthesized dir> <out file>`: writes the
 * amplify_outputs.json that `ampx generate outputs` would write for the synthesized backend once
 * deployed, with sample values (SAMPLE_VALUES) where AWS would fill in deployed resources. Amplify's
 * own generator does the work, reading the stack through CloudFormation's API (a local stand-in).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { generateClientConfig } from '@aws-amplify/client-config';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCloudFormationStub } from './cloudformation-stub';
import { SAMPLE_REGION, sampleValueOf } from './sample-values';

type Intrinsic =
  string | { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, Intrinsic[]] };

/** What CloudFormation would have resolved an output's value to, in the sample deployment. */
function resolve(value: Intrinsic): string {
  if (typeof value === 'string') return value;
  if (value.Ref === 'AWS::Region') return SAMPLE_REGION;
  if (value.Ref) return sampleValueOf(value.Ref);
  if (value['Fn::GetAtt']) return sampleValueOf(value['Fn::GetAtt'][1]);
  if (value['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
  throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
}

const [dir, outFile] = process.argv.slice(2);
if (!dir || !outFile) throw new Error('usage: sample-outputs.ts <synthesized dir> <out file>');
const rootFile = readdirSync(dir).find((file) => /^amplify-.*\.template\.json$/.test(file))!;
const template = JSON.parse(readFileSync(join(dir, rootFile), 'utf8')) as {
  Metadata: unknown;
  Outputs: Record<string, { Value: Intrinsic }>;
};
const stackName = rootFile.replace(/\.template\.json$/, '');
const outputs = Object.fromEntries(
  Object.entries(template.Outputs).map(([key, { Value }]) => [key, resolve(Value)]),
);
const { url, server } = await startCloudFormationStub({ stackName, metadata: template.Metadata, outputs });
try {
  const cloudFormation = new CloudFormationClient({
    endpoint: url,
    region: SAMPLE_REGION,
    credentials: { accessKeyId: 'AKIDSAMPLE', secretAccessKey: 'sample' },
  });
  // Amplify builds these clients up front; reading a stack's outputs never calls them.
  const unused = () => ({
    send: () => Promise.reject(new Error('Only CloudFormation is needed to read outputs')),
  });
  const config = await generateClientConfig({ stackName }, '1.4', {
    getCloudFormationClient: () => cloudFormation,
    getS3Client: unused,
    getAmplifyClient: unused,
  } as unknown as Parameters<typeof generateClientConfig>[2]);
  writeFileSync(outFile, JSON.stringify(config, null, 2));
} finally {
  server.close();
}
