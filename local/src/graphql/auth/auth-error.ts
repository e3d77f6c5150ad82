/** A request refused before any resolver runs; AppSync answers these with an HTTP status and errorType. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export const NO_VALID_AUTH = 'Valid authorization header not provided.';
export const NOT_AUTHORIZED_CALL = 'You are not authorized to make this call.';
