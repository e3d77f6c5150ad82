/**
 * What the user pool's PostConfirmation trigger does in AWS (amplify/ deploys it): a person who
 * signed up and confirmed their email joins `sellers`, so self sign-up can go live. cognito-local
 * runs no triggers, so the stack does it after a successful ConfirmSignUp, through the Cognito API,
 * signed with the stack's credentials as the trigger's role signs in AWS.
 */
import {
  AdminAddUserToGroupCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { SELF_SIGN_UP_GROUP } from '@golive/common/user-groups';

export async function joinSelfSignUpGroup(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  username: string,
): Promise<void> {
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  for (const pool of UserPools) {
    const { UserPoolClients = [] } = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: pool.Id, MaxResults: 60 }),
    );
    if (!UserPoolClients.some((client) => client.ClientId === clientId)) continue;
    await cognito.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: pool.Id,
        Username: username,
        GroupName: SELF_SIGN_UP_GROUP,
      }),
    );
    return;
  }
}
