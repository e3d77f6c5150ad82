/**
 * What one request may ask of the API. AppSync enforces these in AWS (amplify/api/golive-api.ts
 * deploys them) and the local server enforces the same numbers (local/src/graphql), so the two
 * cannot drift apart. Why these values: amplify/README.md, "API limits".
 */
export const API_LIMITS = {
  /**
   * Nested field levels an operation may have, leaves included (`{ a { b } }` is 2). AppSync takes
   * 1 to 75 (0: no limit). The app's operations need 3, GraphiQL's introspection query 15.
   */
  queryDepth: 20,
  /**
   * Resolvers one request may run: the first ones run, every further one fails with
   * ResolverExecutionLimitReached. AppSync takes 1 to 10000 (0: 10000). Every operation the app
   * sends runs 1; the admin console's first query runs 2.
   */
  resolverCount: 10,
  /**
   * Whether the schema answers introspection (`__schema`, `__type`). AppSync's switch is per API,
   * not per auth mode, and the admins' GraphiQL console builds its editor from it.
   */
  introspection: true,
} as const;
