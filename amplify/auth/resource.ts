/**
 * Sign-in: email and password; groups `sellers` and `admins` (the schema's directives name them);
 * a person who signs up by themselves joins `sellers` once they confirm their email.
 * A changed email stays pending, and out of the tokens, until its code is confirmed: Amplify sets
 * `keepOriginal: { email: true }` for email sign-in (auth.test.ts holds it to that), so the
 * owner email admins see (createChannel) is always a verified one.
 */
import { defineAuth } from '@aws-amplify/backend';
import { GROUPS } from '@golive/common/user-groups';
import { postConfirmation } from './post-confirmation/resource';

export const auth = defineAuth({
  loginWith: { email: true },
  groups: [...GROUPS],
  triggers: { postConfirmation },
  access: (allow) => [allow.resource(postConfirmation).to(['addUserToGroup'])],
});
