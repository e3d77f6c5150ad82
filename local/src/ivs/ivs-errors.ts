/** IVS's error types with their HTTP status, as @aws-sdk/client-ivs recognises them. */
export type IvsErrorType =
  | 'ValidationException'
  | 'ResourceNotFoundException'
  | 'ChannelNotBroadcasting'
  | 'ConflictException'
  | 'ServiceQuotaExceededException'
  | 'ThrottlingException'
  /** Not modelled by the SDK (it surfaces as a generic service error): AWS's front door refusing a body. */
  | 'RequestEntityTooLargeException'
  | 'AccessDeniedException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException';

const STATUS: Record<IvsErrorType, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ChannelNotBroadcasting: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  RequestEntityTooLargeException: 413,
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
};

export class IvsError extends Error {
  readonly status: number;
  constructor(
    readonly type: IvsErrorType,
    message: string,
  ) {
    super(message);
    this.status = STATUS[type];
  }
}
