import { defineFunction } from '@aws-amplify/backend';
import { SELF_SIGN_UP_GROUP } from '@golive/common/user-groups';

/** The user pool's PostConfirmation trigger (handler.ts). It lives with auth: no stack cycle. */
export const postConfirmation = defineFunction({
  name: 'post-confirmation',
  entry: './handler.ts',
  resourceGroupName: 'auth',
  timeoutSeconds: 10,
  // The newest Node.js Lambda runs (Amplify's default is older).
  runtime: 24,
  environment: { GROUP_NAME: SELF_SIGN_UP_GROUP },
  // As the other functions' logs (settings.ts): a month is plenty to look into a failed sign-up.
  logging: { format: 'json', retention: '1 month' },
});
