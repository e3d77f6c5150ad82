/**
 * What a chat message and a chat name may be, as the API checks them (resolvers/src/lib/chat.ts)
 * and the pages' inputs allow them (app/src/chat/): one number, read by both.
 */
export const CHAT_TEXT_MAX = 300;
export const CHAT_NAME_MIN = 2;
export const CHAT_NAME_MAX = 24;
