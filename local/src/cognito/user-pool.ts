/**
 * Makes sure the local Cognito has the product's user pool, app client, groups and demo users,
 * through the real Cognito API. Idempotent: a restart finds them and changes nothing.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GROUPS } from '@golive/common/user-groups';
import { DEMO_USERS, type DemoUser } from './demo-users';

export const USER_POOL_NAME = 'golive';
export const APP_CLIENT_NAME = 'golive-app';

export interface UserPool {
  userPoolId: string;
  clientId: string;
}

async function ensurePool(cognito: CognitoIdentityProviderClient): Promise<string> {
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === USER_POOL_NAME)?.Id;
  if (existing) return existing;
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: USER_POOL_NAME,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      // As amplify/ deploys it (Amplify's keepOriginal): a changed email stays pending, and out of
      // the tokens, until the code sent to it is confirmed.
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
        },
      },
    }),
  );
  if (!UserPool?.Id) throw new Error('CreateUserPool returned no pool id');
  return UserPool.Id;
}

async function ensureClient(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { UserPoolClients = [] } = await cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  const existing = UserPoolClients.find((client) => client.ClientName === APP_CLIENT_NAME)?.ClientId;
  if (existing) return existing;
  // A public client (no secret): the PWA runs in the browser and could not keep one.
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: APP_CLIENT_NAME,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error('CreateUserPoolClient returned no client id');
  return UserPoolClient.ClientId;
}

async function ensureGroups(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const present = new Set(Groups.map((group) => group.GroupName));
  for (const group of GROUPS.filter((name) => !present.has(name))) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
}

async function userExists(cognito: CognitoIdentityProviderClient, userPoolId: string, username: string) {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
}

async function ensureUser(cognito: CognitoIdentityProviderClient, userPoolId: string, user: DemoUser) {
  const existed = await userExists(cognito, userPoolId, user.username);
  if (!existed)
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.username },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  // Set on every start: LAN mode gives each start fresh passwords, and the next loopback start
  // brings back the documented ones. Permanent, so there is no forced password change.
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: user.username,
      Password: user.password,
      Permanent: true,
    }),
  );
  if (existed) return;
  for (const group of user.groups) {
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: group }),
    );
  }
}

export async function ensureUserPool(
  cognito: CognitoIdentityProviderClient,
  demoUsers: readonly DemoUser[] = DEMO_USERS,
): Promise<UserPool> {
  const userPoolId = await ensurePool(cognito);
  const clientId = await ensureClient(cognito, userPoolId);
  await ensureGroups(cognito, userPoolId);
  for (const user of demoUsers) await ensureUser(cognito, userPoolId, user);
  return { userPoolId, clientId };
}
