/**
 * `npm run admin:create -- <email> [--outputs <amplify_outputs.json>]`: makes <email> an admin of
 * the deployment. An existing user (someone who signed up) just joins `admins`. A new one is
 * created with a verified email and a password nobody knows, so no password travels in a mail,
 * a terminal or a log: they choose their own with "Forgot your password?" on the sign-in page.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { EMAIL_ADDRESS } from '../email-address';
import { isAwsError } from './aws-errors';
import { outputsArgument, readDeployedOutputs, UsageError } from './deployed-outputs';

const ADMINS = 'admins';

/** Meets any Cognito password policy (all four kinds of character, long), and is never shown. */
function unknowablePassword(): string {
  return `${randomBytes(24).toString('base64url')}aA1!`;
}

async function makeAdmin(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<'created' | 'promoted'> {
  let outcome: 'created' | 'promoted' = 'promoted';
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
  } catch (error) {
    if (!isAwsError(error, UserNotFoundException)) throw error;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    // Confirmed, with a password nobody holds: "Forgot your password?" sets the real one.
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: email,
        Password: unknowablePassword(),
        Permanent: true,
      }),
    );
    outcome = 'created';
  }
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: ADMINS }),
  );
  return outcome;
}

async function main(args: string[]): Promise<void> {
  const { file, rest } = outputsArgument(args);
  const [email] = rest;
  if (!email || !EMAIL_ADDRESS.test(email))
    throw new UsageError('Usage: npm run admin:create -- <email> [--outputs <file>]');
  const outputs = readDeployedOutputs(file);
  const cognito = new CognitoIdentityProviderClient({
    region: outputs.region,
    ...(outputs.cognitoEndpoint ? { endpoint: outputs.cognitoEndpoint } : {}),
  });
  const outcome = await makeAdmin(cognito, outputs.userPoolId, email);
  console.log(
    outcome === 'created'
      ? `${email} is an admin. They set their password with "Forgot your password?" on the sign-in page.`
      : `${email} already had an account and is now an admin.`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
