/**
 * How transwrap runs on Fargate: the image CodeBuild builds from transwrap/Dockerfile at deploy
 * time; health checks on /health; a task stopped for scale-in or deployment gets transwrap's
 * whole drain; scaling within a deployment's bounds on the load transwrap reports; the settings it
 * starts with, for the app's origins only; and a task role that may call exactly the API fields
 * transwrap calls. How a broadcaster's browser reaches the tasks: transwrap-network.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentNode } from 'graphql';
import * as operations from '@golive/common/api-operations';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { DEFAULTS, loadConfig } from '@golive/transwrap/config';
import { rootFieldOf } from '../api/schema';
import { LOAD_METRIC, SERVICE_DIMENSION } from '@golive/transwrap/server/load-metric';
import { asList, textOf, type CfnValue, type PolicyDocument } from '../testing/cfn-shapes';
import { propertiesOfType, resourcesOfType, useSynthesizedBackend } from '../testing/synthesize';
import { transwrapContainer, transwrapEnvironment, transwrapTargetGroup } from '../testing/transwrap-task';

/** A construct in the cloud assembly's tree.json, with the library class that made it. */
interface ConstructNode {
  id: string;
  constructInfo?: { fqn: string };
  children?: Record<string, ConstructNode>;
}
function constructsOf(node: ConstructNode): ConstructNode[] {
  return [node, ...Object.values(node.children ?? {}).flatMap(constructsOf)];
}

/** The root fields of the operations transwrap's control plane sends (transwrap/src/api/control-plane.ts). */
function fieldsTranswrapCalls(): string[] {
  const source = readFileSync(join(REPO_ROOT, 'transwrap/src/api/control-plane.ts'), 'utf8');
  const imported = source.match(/import \{([^}]+)\} from '@golive\/common\/api-operations'/)?.[1] ?? '';
  const names = imported
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  expect(names.length).toBeGreaterThan(0);
  return names.map((name) => {
    const { typeName, fieldName } = rootFieldOf(
      (operations as unknown as Record<string, DocumentNode>)[name]!,
    );
    return `${typeName}.${fieldName}`;
  });
}

describe('transwrap on Fargate (sandbox)', () => {
  const backend = useSynthesizedBackend();
  const ingest = () => backend().stacks.ingest;
  const container = () => transwrapContainer(ingest());
  const env = () => transwrapEnvironment(ingest());

  it('health-checks transwrap’s /health, which answers 503 while draining', () => {
    expect(transwrapTargetGroup(ingest()).properties).toMatchObject({
      Port: 8090,
      HealthCheckPath: '/health',
      Matcher: { HttpCode: '200' },
    });
  });

  it('lets a stopped transwrap finish its drain and exit before SIGKILL, within Fargate’s limits', () => {
    const drainMs = Number(textOf(env().DRAIN_DEADLINE_MS));
    expect(drainMs).toBe(Number(DEFAULTS.DRAIN_DEADLINE_MS));
    // SIGKILL comes StopTimeout after SIGTERM: after the drain, within Fargate's 120 s maximum.
    expect(container().StopTimeout * 1000).toBeGreaterThan(drainMs);
    expect(container().StopTimeout).toBeLessThanOrEqual(120);
  });

  it('runs the image CodeBuild builds from transwrap/Dockerfile at deploy time (no Docker where `deploy` runs)', () => {
    const [build] = propertiesOfType<{ buildCommand: string; repositoryUri: CfnValue }>(
      ingest(),
      'Custom::CDKContainerImageBuild',
    );
    expect(build?.buildCommand).toContain('--file transwrap/Dockerfile');
    expect(build?.buildCommand).toContain('--platform linux/amd64');
    // The task runs that build's image: its repository, at the tag the build pushed.
    expect(textOf(container().Image)).toMatch(
      /"Ref":"TranswrapImages\w+"\},":",\{"Fn::GetAtt":\["TranswrapImage\w+","ImageTag"\]/,
    );
    // The uploaded build context is what the Dockerfile copies, per .dockerignore.
    const context = readdirSync(backend().dir)
      .map((entry) => join(backend().dir, entry))
      .find((path) => existsSync(join(path, 'transwrap', 'Dockerfile')));
    expect(readdirSync(context!).sort()).toEqual([
      'common',
      'package-lock.json',
      'package.json',
      'transwrap',
      'tsconfig.json',
    ]);
    expect(existsSync(join(context!, 'transwrap', 'node_modules'))).toBe(false);
  });

  it('builds it with the maintained @cdklabs/deploy-time-build (the unscoped package says it moved there)', () => {
    const { tree } = JSON.parse(readFileSync(join(backend().dir, 'tree.json'), 'utf8')) as {
      tree: ConstructNode;
    };
    const builds = constructsOf(tree).filter((node) =>
      /ContainerImageBuild$/.test(node.constructInfo?.fqn ?? ''),
    );
    expect(builds.map((node) => node.constructInfo?.fqn)).toEqual([
      '@cdklabs/deploy-time-build.ContainerImageBuild',
    ]);
  });

  it('scales between one and two tasks in a sandbox, on the load transwrap reports and on CPU', () => {
    const [target] = propertiesOfType<{ MinCapacity: number; MaxCapacity: number }>(
      ingest(),
      'AWS::ApplicationAutoScaling::ScalableTarget',
    );
    expect(target).toMatchObject({ MinCapacity: 1, MaxCapacity: 2 });
    const policies = propertiesOfType<{ TargetTrackingScalingPolicyConfiguration: Record<string, unknown> }>(
      ingest(),
      'AWS::ApplicationAutoScaling::ScalingPolicy',
    ).map((policy) => policy.TargetTrackingScalingPolicyConfiguration);
    // The metric is the one transwrap logs (its load-metric settings and constants), averaged over tasks.
    expect(policies).toContainEqual(
      expect.objectContaining({
        CustomizedMetricSpecification: {
          Namespace: env().LOAD_METRIC_NAMESPACE,
          MetricName: LOAD_METRIC,
          Dimensions: [{ Name: SERVICE_DIMENSION, Value: env().LOAD_METRIC_SERVICE }],
          Statistic: 'Average',
        },
        TargetValue: 60,
      }),
    );
    expect(env().LOAD_METRIC_SERVICE).toBe(backend().rootStackName);
    expect(policies).toContainEqual(
      expect.objectContaining({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 50,
      }),
    );
  });

  it('may call exactly the API fields transwrap calls, and protect its own cluster’s tasks; nothing else', () => {
    const taskRoleId = Object.keys(resourcesOfType(ingest(), 'AWS::IAM::Role')).find((id) =>
      /TaskTaskRole/.test(id),
    )!;
    const statements = propertiesOfType<{ PolicyDocument: PolicyDocument; Roles: CfnValue[] }>(
      ingest(),
      'AWS::IAM::Policy',
    )
      .filter((policy) => textOf(policy.Roles).includes(taskRoleId))
      .flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements.map((s) => asList(s.Action).sort())).toEqual([
      ['appsync:GraphQL'],
      ['ecs:GetTaskProtection', 'ecs:UpdateTaskProtection'],
    ]);
    const fields = asList(statements[0]!.Resource).map((resource) =>
      textOf(resource)
        .match(/\/types\/(\w+)\/fields\/(\w+)/)!
        .slice(1, 3)
        .join('.'),
    );
    expect(fields.sort()).toEqual(fieldsTranswrapCalls().sort());
    expect(textOf(statements[1]!.Resource)).toMatch(/:task\/",\{"Ref":"TranswrapCluster\w+"\},"\/\*"/);
  });

  it('starts transwrap with settings it accepts, for the app’s origins only', () => {
    const settings = env();
    for (const name of Object.keys(settings)) expect(Object.keys(DEFAULTS)).toContain(name);
    // Deploy-time values (API URL, pool id) are references here: any text parses.
    expect(() =>
      loadConfig(Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, textOf(v)]))),
    ).not.toThrow();
    expect(textOf(settings.ALLOWED_ORIGINS).split(',')).toEqual([
      'http://localhost:5173',
      'http://127.0.0.1:5173',
    ]);
    expect(settings.TRUSTED_PROXY_HOPS).toBe('2');
    expect(textOf(settings.API_URL)).toMatch(/GraphQLUrl/);
    expect(textOf(settings.COGNITO_ISSUER)).toMatch(/https:\/\/cognito-idp\..*amplifyAuthUserPool/);
  });
});

describe('transwrap on Fargate (branch deployment on Amplify Hosting)', () => {
  const backend = useSynthesizedBackend({
    type: 'branch',
    env: {
      AWS_APP_ID: 'd1a2b3c4',
      AWS_BRANCH: 'main',
      GOLIVE_APP_ORIGINS: 'https://live.example.com',
      GOLIVE_EMAIL_VIA_COGNITO: 'accept-50-per-day',
    },
  });

  it('keeps two tasks running and scales to ten', () => {
    const [target] = propertiesOfType<{ MinCapacity: number; MaxCapacity: number }>(
      backend().stacks.ingest,
      'AWS::ApplicationAutoScaling::ScalableTarget',
    );
    expect(target).toMatchObject({ MinCapacity: 2, MaxCapacity: 10 });
  });

  it('accepts browsers from the hosted app and the extra origins given, not from a dev server', () => {
    const origins = transwrapEnvironment(backend().stacks.ingest).ALLOWED_ORIGINS;
    expect(textOf(origins).split(',')).toEqual([
      'https://main.d1a2b3c4.amplifyapp.com',
      'https://live.example.com',
    ]);
  });
});
