/**
 * What amplify_outputs.json tells the PWA beyond what defineAuth writes (auth.user_pool_id,
 * auth.user_pool_client_id, auth.aws_region): the custom AppSync API under `data`, as Amplify
 * writes its own, and the deployment's own facts under `custom`. The PWA reads
 * app/src/config/app-config.ts's fields; nothing secret goes here (the API key is the public one).
 */
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';

export interface ClientOutputs {
  data: {
    url: string;
    aws_region: string;
    api_key: string;
    default_authorization_type: 'AMAZON_COGNITO_USER_POOLS';
    authorization_types: ('API_KEY' | 'AWS_IAM')[];
  };
  custom: {
    /** Where browsers stream to (each ticket names it too). */
    transwrapUrl: string;
    /** The tag value on this deployment's IVS channels (`npm run destroy` deletes those). */
    deploymentId: string;
  };
}

export function clientOutputs(
  api: GraphqlApi,
  region: string,
  transwrapUrl: string,
  deploymentId: string,
): ClientOutputs {
  if (!api.apiKey) throw new Error('The API has no API key: viewers could not read anything');
  return {
    data: {
      url: api.graphqlUrl,
      aws_region: region,
      api_key: api.apiKey,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'],
    },
    custom: { transwrapUrl, deploymentId },
  };
}
