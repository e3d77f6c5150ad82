/**
 * Cognito PostConfirmation trigger: a person who signed up by themselves and confirmed their
 * email joins GROUP_NAME (`sellers`), so they can go live. The local stack does the same after
 * ConfirmSignUp (local/src/cognito/post-confirmation.ts).
 */
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

/** The part of Cognito's PostConfirmation event this trigger reads. */
export interface PostConfirmationEvent {
  triggerSource: string;
  userPoolId: string;
  userName: string;
}

const cognito = new CognitoIdentityProviderClient({});

export async function handler<E extends PostConfirmationEvent>(event: E): Promise<E> {
  // The same trigger fires after a forgotten password is reset: that person is not new.
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const group = process.env.GROUP_NAME;
  if (!group) throw new Error('GROUP_NAME is not set');
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: group,
    }),
  );
  return event;
}
