/**
 * What the user pool's PostConfirmation trigger does in AWS (amplify/ deploys it): a person who
 * signed up and confirmed their email joins `sellers`, so self sign-up can go live. cognito-local
 * runs no triggers, so the stack does it after a successful ConfirmSignUp, through the Cognito API.
 */
import { SELF_SIGN_UP_GROUP } from '@golive/common/user-groups';

type CognitoCall = (target: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export async function joinSelfSignUpGroup(
  call: CognitoCall,
  clientId: string,
  username: string,
): Promise<void> {
  const { UserPools = [] } = (await call('ListUserPools', { MaxResults: 60 })) as {
    UserPools?: { Id: string }[];
  };
  for (const pool of UserPools) {
    const { UserPoolClients = [] } = (await call('ListUserPoolClients', {
      UserPoolId: pool.Id,
      MaxResults: 60,
    })) as {
      UserPoolClients?: { ClientId: string }[];
    };
    if (!UserPoolClients.some((client) => client.ClientId === clientId)) continue;
    await call('AdminAddUserToGroup', {
      UserPoolId: pool.Id,
      Username: username,
      GroupName: SELF_SIGN_UP_GROUP,
    });
    return;
  }
}
