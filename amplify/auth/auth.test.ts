/**
 * Sign-in in AWS is what the PWA expects: email and password, the schema's groups, self sign-up
 * that lands in `sellers`, and an app client that allows the flows app/src/auth uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { GROUPS, SELF_SIGN_UP_GROUP } from '@golive/common/user-groups';
import { asList, textOf, type CfnValue, type PolicyDocument } from '../testing/cfn-shapes';
import { propertiesOfType, resourcesOfType, useSynthesizedBackend } from '../testing/synthesize';

interface UserPool {
  UsernameAttributes: string[];
  AutoVerifiedAttributes: string[];
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: boolean };
  UserAttributeUpdateSettings?: { AttributesRequireVerificationBeforeUpdate: string[] };
  LambdaConfig: { PostConfirmation: CfnValue };
}
interface UserPoolClient {
  ExplicitAuthFlows: string[];
  GenerateSecret?: boolean;
}

const backend = useSynthesizedBackend();
const auth = () => backend().stacks.auth;

/** The Cognito auth flows the PWA starts (InitiateAuth's AuthFlow). */
function flowsTheAppUses(): string[] {
  const source = readFileSync(join(REPO_ROOT, 'app/src/auth/cognito-api.ts'), 'utf8');
  return [...source.matchAll(/AuthFlow: '(\w+)'/g)].map((match) => match[1]!);
}

describe('sign-in', () => {
  it('is by email, verified by a code, open to anyone who signs up', () => {
    const [pool] = propertiesOfType<UserPool>(auth(), 'AWS::Cognito::UserPool');
    expect(pool).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    });
  });

  it('keeps the verified email in tokens until a changed one is verified (the owner email admins see)', () => {
    // Without it, UpdateUserAttributes puts an unverified address in the next ID token at once.
    const [pool] = propertiesOfType<UserPool>(auth(), 'AWS::Cognito::UserPool');
    expect(pool?.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate).toEqual(['email']);
  });

  it('gives guests no AWS credentials (viewers use the API key)', () => {
    const [identityPool] = propertiesOfType<{ AllowUnauthenticatedIdentities: boolean }>(
      auth(),
      'AWS::Cognito::IdentityPool',
    );
    expect(identityPool?.AllowUnauthenticatedIdentities).toBe(false);
  });

  it('has exactly the groups the schema names', () => {
    const groups = propertiesOfType<{ GroupName: string }>(auth(), 'AWS::Cognito::UserPoolGroup');
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...GROUPS].sort());
  });

  it('allows every flow the PWA signs in and refreshes with, for a public (secretless) client', () => {
    const flows = flowsTheAppUses();
    expect(flows).toEqual(expect.arrayContaining(['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH']));
    const [client] = propertiesOfType<UserPoolClient>(auth(), 'AWS::Cognito::UserPoolClient');
    for (const flow of flows) expect(client?.ExplicitAuthFlows).toContain(`ALLOW_${flow}`);
    expect(client?.GenerateSecret ?? false).toBe(false);
  });

  it(`puts people who confirm their own sign-up in "${SELF_SIGN_UP_GROUP}" (PostConfirmation trigger)`, () => {
    const [pool] = propertiesOfType<UserPool>(auth(), 'AWS::Cognito::UserPool');
    const trigger = textOf(pool?.LambdaConfig.PostConfirmation).match(/"(postconfirmation\w+)"/)?.[1];
    expect(trigger).toBeDefined();
    const functions = resourcesOfType<{
      Environment: { Variables: Record<string, CfnValue> };
      Role: CfnValue;
    }>(auth(), 'AWS::Lambda::Function');
    const fn = functions[trigger!]!;
    expect(fn.Properties.Environment.Variables.GROUP_NAME).toBe(SELF_SIGN_UP_GROUP);
    // Cognito may invoke it, for this pool only.
    const [permission] = propertiesOfType<{ Principal: string; SourceArn: CfnValue }>(
      auth(),
      'AWS::Lambda::Permission',
    );
    expect(permission?.Principal).toBe('cognito-idp.amazonaws.com');
    expect(textOf(permission?.SourceArn)).toMatch(/amplifyAuthUserPool/);
    // In Cognito it may add users to groups in this pool, nothing more (Amplify adds reading its
    // own SSM parameters, which every Amplify function has).
    const role = textOf(fn.Properties.Role).match(/"(\w+)","Arn"/)?.[1];
    const statements = propertiesOfType<{ PolicyDocument: PolicyDocument; Roles: CfnValue[] }>(
      auth(),
      'AWS::IAM::Policy',
    )
      .filter((policy) => textOf(policy.Roles).includes(role!))
      .flatMap((policy) => policy.PolicyDocument.Statement);
    const cognito = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito.flatMap((s) => asList(s.Action))).toEqual(['cognito-idp:AdminAddUserToGroup']);
    expect(textOf(cognito[0]?.Resource)).toMatch(/amplifyAuthUserPool/);
    const others = statements.filter((s) => !cognito.includes(s)).flatMap((s) => asList(s.Action));
    expect(others).toEqual(['ssm:GetParameters']);
  });
});

describe('the user pool of a sandbox', () => {
  it('goes with its stack: Cognito would refuse to delete a protected pool, and the stack’s deletion would fail', () => {
    const [pool] = Object.values(
      resourcesOfType<{ DeletionProtection?: string }>(auth(), 'AWS::Cognito::UserPool'),
    );
    expect(pool?.Properties.DeletionProtection ?? 'INACTIVE').toBe('INACTIVE');
    expect(pool?.DeletionPolicy ?? 'Delete').toBe('Delete');
  });

  it('may use Cognito’s own sender (a developer’s copy sends a few codes a day)', () => {
    const [pool] = propertiesOfType<{ EmailConfiguration?: unknown }>(auth(), 'AWS::Cognito::UserPool');
    expect(pool?.EmailConfiguration).toBeUndefined();
  });
});

describe('the user pool of a branch deployment', () => {
  const SES_IDENTITY = 'arn:aws:ses:eu-west-1:123456789012:identity/live.example.com';
  const branch = useSynthesizedBackend({
    type: 'branch',
    env: {
      AWS_APP_ID: 'd1a2b3c4',
      AWS_BRANCH: 'main',
      GOLIVE_EMAIL_FROM: 'GoLive <no-reply@live.example.com>',
      GOLIVE_SES_IDENTITY_ARN: SES_IDENTITY,
    },
  });
  const branchAuth = () => branch().stacks.auth;

  it('survives its stack’s deletion with every account and group, and Cognito refuses to delete it while protected', () => {
    const [pool] = Object.values(
      resourcesOfType<{ DeletionProtection?: string }>(branchAuth(), 'AWS::Cognito::UserPool'),
    );
    expect(pool?.Properties.DeletionProtection).toBe('ACTIVE');
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    // Deleting a group deletes its memberships: who is a seller or an admin would be lost.
    const groups = Object.values(resourcesOfType(branchAuth(), 'AWS::Cognito::UserPoolGroup'));
    expect(groups).toHaveLength(GROUPS.length);
    for (const group of groups)
      expect(group).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('sends sign-up codes and password resets through SES (Cognito’s own sender stops at 50 a day)', () => {
    const [pool] = propertiesOfType<{ EmailConfiguration?: Record<string, string> }>(
      branchAuth(),
      'AWS::Cognito::UserPool',
    );
    expect(pool?.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'GoLive <no-reply@live.example.com>',
      SourceArn: SES_IDENTITY,
    });
  });
});
