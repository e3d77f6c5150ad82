/**
 * The Cognito groups the schema's directives name (`schema.graphql`): the local stack's user pool
 * and amplify/'s defineAuth both create exactly these.
 */
export type Group = 'sellers' | 'admins';

export const GROUPS: readonly Group[] = ['sellers', 'admins'];

/** The group a person who signs up by themselves joins once confirmed (the PostConfirmation trigger). */
export const SELF_SIGN_UP_GROUP: Group = 'sellers';
