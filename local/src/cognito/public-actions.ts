/**
 * The Cognito user pools actions a client may call without AWS credentials: sign-up, sign-in and
 * the signed-in user's own account (authorized by the user's access token, a session or a code).
 * Every other action (Admin*, ListUsers, ListUsersInGroup, the pool's and clients' configuration)
 * is IAM-authorized: it needs a SigV4 signature. This is the list Cognito's API model marks
 * `optionalAuth` (the AWS SDK sends these unsigned), and the "unauthenticated" and
 * "token-authorized" operations of the Cognito developer guide's "API operations grouped by
 * authorization model". `iam-authorization.test.ts` checks it against the SDK's model.
 */
export const PUBLIC_ACTIONS: ReadonlySet<string> = new Set([
  // Unauthenticated: who you are is what the request proves (password, code, refresh token).
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'GetTokensFromRefreshToken',
  'RevokeToken',
  'UpdateAuthEventFeedback',
  // Token-authorized: the user's own access token (or sign-in session) says who.
  'GetUser',
  'UpdateUserAttributes',
  'DeleteUserAttributes',
  'VerifyUserAttribute',
  'GetUserAttributeVerificationCode',
  'ChangePassword',
  'DeleteUser',
  'GlobalSignOut',
  'GetUserAuthFactors',
  'SetUserMFAPreference',
  'SetUserSettings',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'ConfirmDevice',
  'ForgetDevice',
  'GetDevice',
  'ListDevices',
  'UpdateDeviceStatus',
  'ListUserSessions',
  'RevokeUserSession',
  'StartWebAuthnRegistration',
  'CompleteWebAuthnRegistration',
  'ListWebAuthnCredentials',
  'DeleteWebAuthnCredential',
]);

export function needsSigV4(action: string): boolean {
  return !PUBLIC_ACTIONS.has(action);
}
