/**
 * Least privilege across the whole deployment: no identity may do everything to everything, and
 * the stream key (IVS GetStreamKey) is readable by the IvsControl Lambda alone, for this
 * deployment's channels.
 */
import {
  asList,
  textOf,
  type CfnValue,
  type PolicyDocument,
  type PolicyStatement,
} from './testing/cfn-shapes';
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

  it('lets only the IvsControl Lambda read stream keys or control IVS', () => {
    const ivs = allGrants().filter(({ statement }) =>
      asList(statement.Action).some((action) => action.startsWith('ivs:')),
    );
    expect(ivs.length).toBeGreaterThan(0);
    for (const grant of ivs) expect(grant.to).toMatch(/IvsControlFunctionServiceRole/);
  });

  it('limits the IvsControl Lambda to the IVS calls it makes, on this deployment’s channels', () => {
    const statements = allGrants()
      .filter((grant) => grant.to.includes('IvsControlFunctionServiceRole'))
      .map((grant) => grant.statement)
      .filter((statement) => asList(statement.Action).some((action) => action.startsWith('ivs:')));
    const summary = statements.map((statement) => ({
      actions: asList(statement.Action).sort(),
      resources: asList(statement.Resource).map((r) => textOf(r).match(/:(channel|stream-key)\/\*/)?.[1]),
      condition: statement.Condition,
    }));
    const tag = 'aws:RequestTag/golive:deployment';
    expect(summary).toEqual([
      // Creating: only with this deployment's tag (the channel and the stream key made with it).
      {
        actions: ['ivs:CreateChannel', 'ivs:TagResource'],
        resources: ['channel', 'stream-key'],
        condition: { StringEquals: { [tag]: backend().rootStackName } },
      },
      // Everything else on a channel: only this deployment's channels.
      {
        actions: ['ivs:DeleteChannel', 'ivs:GetChannel', 'ivs:ListStreamKeys', 'ivs:StopStream'],
        resources: ['channel'],
        condition: { StringEquals: { 'aws:ResourceTag/golive:deployment': backend().rootStackName } },
      },
      // Stream keys: the key side of those calls (IVS authorizes both resources), and reading one.
      {
        actions: ['ivs:DeleteChannel', 'ivs:GetStreamKey', 'ivs:ListStreamKeys'],
        resources: ['stream-key'],
        condition: undefined,
      },
    ]);
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
