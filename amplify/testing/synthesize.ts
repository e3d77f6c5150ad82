/**
 * Synthesizes the backend the way `ampx` does (amplify/backend.ts loaded as ampx loads it, with the
 * backend identifier in CDK context), offline, into a temporary folder, and reads back its
 * CloudFormation templates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';

export type StackName = 'auth' | 'api' | 'ingest' | 'events' | 'viewers' | 'operations';

/** A CloudFormation template as synthesized (JSON). */
export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }>;
  Outputs?: Record<string, { Value: unknown }>;
  Metadata?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
}

export interface SynthesizedBackend {
  dir: string;
  rootStackName: string;
  root: CfnTemplate;
  stacks: Record<StackName, CfnTemplate>;
  /** Every template, root and nested. */
  all: CfnTemplate[];
  remove(): void;
}

export interface SynthesisOptions {
  type?: 'sandbox' | 'branch';
  env?: Record<string, string>;
  /**
   * Also run cdk-nag's AwsSolutions pack (a CDK validation plugin): its findings go to the
   * assembly's validation-report.json rather than failing the synthesis, for the test to list.
   */
  awsSolutionsChecks?: boolean;
}

/** The test's environment minus what would change the deployment (a developer's GOLIVE_*, Amplify's). */
function shellWithoutDeploymentSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GOLIVE_|AWS_APP_ID$|AWS_BRANCH$)/.test(name)),
  );
}

export function synthesizeBackend({
  type = 'sandbox',
  env = {},
  awsSolutionsChecks = false,
}: SynthesisOptions = {}): SynthesizedBackend {
  const dir = mkdtempSync(join(tmpdir(), 'golive-synth-'));
  const context = {
    'amplify-backend-namespace': 'golive',
    'amplify-backend-name': type === 'sandbox' ? 'tester' : 'main',
    'amplify-backend-type': type,
    ...(awsSolutionsChecks ? { '@aws-cdk/core:failSynthOnValidationErrors': false } : {}),
  };
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'amplify', 'testing', 'synthesize-like-ampx.mjs')],
    {
      cwd: REPO_ROOT,
      env: {
        ...shellWithoutDeploymentSettings(),
        ...env,
        ...(awsSolutionsChecks ? { GOLIVE_AWS_SOLUTIONS_CHECKS: '1' } : {}),
        CDK_OUTDIR: dir,
        CDK_CONTEXT_JSON: JSON.stringify(context),
      },
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Synthesis failed (${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CfnTemplate;
  const files = readdirSync(dir);
  const rootFile = files.find((file) => /^amplify-.*\.template\.json$/.test(file));
  if (!rootFile) throw new Error(`No root template in ${dir}: ${files.join(', ')}`);
  const stacks = {} as Record<StackName, CfnTemplate>;
  for (const name of ['auth', 'api', 'ingest', 'events', 'viewers', 'operations'] as const) {
    const file = files.find((f) => new RegExp(`${name}[0-9A-F]{8}\\.nested\\.template\\.json$`).test(f));
    if (!file) throw new Error(`No ${name} stack in ${dir}: ${files.join(', ')}`);
    stacks[name] = read(file);
  }
  const all = files.filter((f) => f.endsWith('.template.json')).map(read);
  return {
    dir,
    rootStackName: rootFile.replace(/\.template\.json$/, ''),
    root: read(rootFile),
    stacks,
    all,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Resource<P> {
  Type: string;
  Properties: P;
  DeletionPolicy?: string;
  DependsOn?: string[];
}

/** The resources of one CloudFormation type, by logical id; P: the properties a test reads. */
export function resourcesOfType<P = Record<string, unknown>>(
  template: CfnTemplate,
  type: string,
): Record<string, Resource<P>> {
  return Object.fromEntries(
    Object.entries(template.Resources).filter(([, resource]) => resource.Type === type),
  ) as Record<string, Resource<P>>;
}

export function propertiesOfType<P = Record<string, unknown>>(template: CfnTemplate, type: string): P[] {
  return Object.values(resourcesOfType<P>(template, type)).map((resource) => resource.Properties);
}

/**
 * One synthesis for a test file (or a describe block): made before its tests, removed after.
 * Returns the backend for the tests to read.
 */
export function useSynthesizedBackend(options: SynthesisOptions = {}): () => SynthesizedBackend {
  let backend: SynthesizedBackend | undefined;
  beforeAll(() => {
    backend = synthesizeBackend(options);
  }, 180_000);
  afterAll(() => backend?.remove());
  return () => {
    if (!backend) throw new Error('The backend is synthesized before the tests (beforeAll)');
    return backend;
  };
}
