/**
 * Sign-in: email and password; groups `sellers` and `admins` (the schema's directives name them);
 * a person who signs up by themselves joins `sellers` once they confirm their email.
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
