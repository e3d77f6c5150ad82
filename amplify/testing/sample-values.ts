/**
 * Values a deployment would have, for outputs that only exist once deployed. Each differs from the
 * others, so a test can tell which output ended up in which field.
 */
export const SAMPLE_REGION = 'eu-west-1';

export const SAMPLE = {
  graphqlUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
  apiKey: 'da2-sampleapikeyabcdefghijklm',
  distributionDomain: 'd111111abcdef8.cloudfront.net',
  userPoolId: 'eu-west-1_SaMpLe123',
  userPoolClientId: '1example23456789clientid',
  identityPoolId: 'eu-west-1:00000000-1111-2222-3333-444444444444',
} as const;

/** By the attribute or output a reference names (Amplify's nested stack outputs end in these). */
export function sampleValueOf(name: string): string {
  const rules: [RegExp, string][] = [
    [/GraphQLUrl$/, SAMPLE.graphqlUrl],
    [/ApiKey$/, SAMPLE.apiKey],
    [/DistributionDomainName$|Distribution\w*DomainName$/, SAMPLE.distributionDomain],
    [/UserPoolAppClient\w*Ref$/, SAMPLE.userPoolClientId],
    [/UserPool\w*Ref$/, SAMPLE.userPoolId],
    [/IdentityPool\w*Ref$/, SAMPLE.identityPoolId],
    [/lambda\w*Ref$/, 'amplify-golive-postconfirmation-sample'],
  ];
  const rule = rules.find(([pattern]) => pattern.test(name));
  if (!rule) throw new Error(`No sample value for ${name}`);
  return rule[1];
}
