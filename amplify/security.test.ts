/**
 * Least privilege across the whole deployment: no identity may do everything to everything, and
 * the stream key (IVS GetStreamKey) is readable by the IvsControl Lambda alone, for this
 * deployment's channels: its policy is evaluated as IAM would for the calls its code makes, on its
 * own channels and on others' (testing/iam-policy.ts).
 */
import {
  asList,
  textOf,
  type CfnValue,
  type PolicyDocument,
  type PolicyStatement,
} from './testing/cfn-shapes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import { isAllowed } from './testing/iam-policy';
import { resourcesOfType, type CfnTemplate, useSynthesizedBackend } from './testing/synthesize';

const backend = useSynthesizedBackend();

interface Grant {
  /** The logical id of the policy or role that grants it. */
  from: string;
  /** What it is attached to. */
  to: string;
  statement: PolicyStatement;
}

/** Every Allow statement of every identity policy in a template (policies and roles' inline ones). */
function grants(template: CfnTemplate): Grant[] {
  const found: Grant[] = [];
  const policies = resourcesOfType<{ PolicyDocument: PolicyDocument; Roles?: CfnValue[] }>(
    template,
    'AWS::IAM::Policy',
  );
  for (const [id, policy] of Object.entries(policies)) {
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      found.push({ from: id, to: textOf(policy.Properties.Roles ?? []), statement });
    }
  }
  const roles = resourcesOfType<{ Policies?: { PolicyDocument: PolicyDocument }[] }>(
    template,
    'AWS::IAM::Role',
  );
  for (const [id, role] of Object.entries(roles)) {
    for (const policy of role.Properties.Policies ?? []) {
      for (const statement of policy.PolicyDocument.Statement) found.push({ from: id, to: id, statement });
    }
  }
  return found.filter((grant) => grant.statement.Effect === 'Allow');
}

const allGrants = () => backend().all.flatMap(grants);

const ACCOUNT = { region: 'eu-west-1', accountId: '123456789012' };

/**
 * The resources IVS authorizes each call against, each needing an Allow (Service Authorization
 * Reference, "Actions defined by Amazon Interactive Video Service": Resource types column).
 * IVS creates a channel's stream key with the channel, and applies CreateChannel's tags to both
 * (CreateChannel authorizes aws:RequestTag on the channel and on the stream key).
 */
const IVS_AUTHORIZES: Record<string, ('channel' | 'stream-key')[]> = {
  CreateChannel: ['channel', 'stream-key'],
  DeleteChannel: ['channel', 'stream-key'],
  GetChannel: ['channel'],
  GetStreamKey: ['stream-key'],
  ListStreamKeys: ['channel', 'stream-key'],
  PutMetadata: ['channel'],
  StopStream: ['channel'],
  TagResource: ['stream-key'],
};

/** The IVS API calls resolvers/src/lambda/ivs-control.ts makes (the SDK commands it imports). */
function ivsCallsOfIvsControl(): string[] {
  const source = readFileSync(join(REPO_ROOT, 'resolvers/src/lambda/ivs-control.ts'), 'utf8');
  const imported = source.match(/import \{([^}]+)\} from '@aws-sdk\/client-ivs'/)?.[1] ?? '';
  return imported
    .split(',')
    .map((name) => name.trim().match(/^(\w+)Command$/)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('IAM', () => {
  it('has no statement granting wildcard actions on every resource', () => {
    expect(allGrants().length).toBeGreaterThan(10);
    const everything = allGrants().filter(
      ({ statement }) =>
        asList(statement.Resource).some((resource) => resource === '*') &&
        asList(statement.Action).some((action) => action.includes('*')),
    );
    expect(everything.map(({ from, statement }) => ({ from, action: statement.Action }))).toEqual([]);
  });

  it('lets only the IvsControl Lambda read stream keys or control IVS; the viewer-count poller only lists streams', () => {
    const ivs = allGrants().filter(({ statement }) =>
      asList(statement.Action).some((action) => action.startsWith('ivs:')),
    );
    expect(ivs.length).toBeGreaterThan(0);
    for (const grant of ivs) {
      if (/ViewerCountsFunctionServiceRole/.test(grant.to))
        expect(asList(grant.statement.Action)).toEqual(['ivs:ListStreams']);
      else expect(grant.to).toMatch(/IvsControlFunctionServiceRole/);
    }
    expect(ivs.some((grant) => /ViewerCountsFunctionServiceRole/.test(grant.to))).toBe(true);
  });

  describe('the IvsControl Lambda, judged as IAM judges its calls', () => {
    const deployment = () => backend().rootStackName;
    const ivsStatements = () =>
      allGrants()
        .filter((grant) => grant.to.includes('IvsControlFunctionServiceRole'))
        .map((grant) => grant.statement)
        .filter((statement) => asList(statement.Action).some((action) => action.startsWith('ivs:')));
    const arn = (type: 'channel' | 'stream-key', id: string) =>
      `arn:aws:ivs:${ACCOUNT.region}:${ACCOUNT.accountId}:${type}/${id}`;
    /** A channel and the stream key IVS made with it, carrying the tags the channel was created with. */
    const channelTagged = (tags?: Record<string, string>) => (type: 'channel' | 'stream-key') => ({
      arn: arn(type, tags ? 'ABCDabcdEFGH' : 'UNTAGGEDefgh'),
      tags,
    });
    const decide = (
      action: string,
      on: ReturnType<typeof channelTagged>,
      requestTags?: Record<string, string>,
    ) =>
      isAllowed(
        ivsStatements(),
        { action: `ivs:${action}`, resources: IVS_AUTHORIZES[action]!.map(on), requestTags },
        ACCOUNT,
      );

    it('may make every IVS call its code makes, on this deployment’s channels and their stream keys', () => {
      const own = channelTagged({ [DEPLOYMENT_TAG]: deployment() });
      const calls = ivsCallsOfIvsControl();
      expect(calls.sort()).toEqual([
        'CreateChannel',
        'DeleteChannel',
        'GetChannel',
        'GetStreamKey',
        'ListStreamKeys',
        'PutMetadata',
        'StopStream',
      ]);
      for (const action of calls) {
        const creating = action === 'CreateChannel';
        const on = creating ? channelTagged() : own;
        expect({
          action,
          allowed: decide(action, on, creating ? { [DEPLOYMENT_TAG]: deployment() } : undefined),
        }).toEqual({
          action,
          allowed: true,
        });
      }
    });

    it('may not touch another deployment’s channels, nor untagged ones, nor read their stream keys', () => {
      for (const tags of [{ [DEPLOYMENT_TAG]: 'amplify-d1-other-branch-0123456789' }, undefined]) {
        for (const action of ivsCallsOfIvsControl().filter((call) => call !== 'CreateChannel')) {
          expect({ action, tags, allowed: decide(action, channelTagged(tags)) }).toEqual({
            action,
            tags,
            allowed: false,
          });
        }
      }
    });

    it('may create channels only with this deployment’s tag', () => {
      expect(
        decide('CreateChannel', channelTagged(), { [DEPLOYMENT_TAG]: 'amplify-d1-other-branch-0123456789' }),
      ).toBe(false);
      expect(decide('CreateChannel', channelTagged(), { app: 'golive' })).toBe(false);
    });

    it('may not tag anything: a tag is what lets it in, so it could claim another deployment’s stream key', () => {
      const foreign = channelTagged({ [DEPLOYMENT_TAG]: 'amplify-d1-other-branch-0123456789' });
      expect(decide('TagResource', foreign, { [DEPLOYMENT_TAG]: deployment() })).toBe(false);
      expect(decide('TagResource', channelTagged(), { [DEPLOYMENT_TAG]: deployment() })).toBe(false);
    });
  });

  it('lets no one but services call the API as IAM, each only on its own fields', () => {
    const appsync = allGrants().filter(({ statement }) =>
      asList(statement.Action).some((action) => action.startsWith('appsync:')),
    );
    for (const grant of appsync) {
      expect(asList(grant.statement.Action)).toEqual(['appsync:GraphQL']);
      for (const resource of asList(grant.statement.Resource))
        expect(textOf(resource)).toMatch(/\/types\/\w+\/fields\/\w+/);
    }
    // transwrap's task role and EventBridge's target role: nobody else.
    expect(
      [
        ...new Set(appsync.map((grant) => grant.to.match(/(TranswrapTaskTaskRole|EventsTargetRole)/)?.[1])),
      ].sort(),
    ).toEqual(['EventsTargetRole', 'TranswrapTaskTaskRole']);
  });
});
