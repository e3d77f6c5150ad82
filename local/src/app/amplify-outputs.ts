/**
 * The PWA's configuration for this stack, in Amplify Gen 2's `amplify_outputs.json` shape (what
 * `ampx` writes in AWS), so the app reads one format everywhere. Only what a browser may know:
 * the public API key, pool and client ids; never the stack's credentials or demo passwords.
 */
import type { LocalStackInfo } from '../stack-info';

export type BrowserFacts = Pick<LocalStackInfo, 'region' | 'graphql'> & {
  cognito: Pick<LocalStackInfo['cognito'], 'endpoint' | 'userPoolId' | 'clientId'>;
  /** LAN mode: where the app is served securely, and the page that explains trusting its CA. */
  network?: { appUrl: string; trustPageUrl: string };
};

export function amplifyOutputs(facts: BrowserFacts) {
  return {
    version: '1.4',
    auth: {
      aws_region: facts.region,
      user_pool_id: facts.cognito.userPoolId,
      user_pool_client_id: facts.cognito.clientId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      groups: [{ sellers: { precedence: 1 } }, { admins: { precedence: 0 } }],
    },
    data: {
      aws_region: facts.region,
      url: facts.graphql.url,
      api_key: facts.graphql.apiKey,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'],
    },
    // Locally Cognito is not at cognito-idp.<region>.amazonaws.com. In LAN mode a page opened over
    // plain http:// cannot work (no camera, no crypto.subtle): it sends the user to these.
    custom: {
      cognitoEndpoint: facts.cognito.endpoint,
      ...(facts.network && { secureAppUrl: facts.network.appUrl, trustPageUrl: facts.network.trustPageUrl }),
    },
  };
}
