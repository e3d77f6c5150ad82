/** The envelope every AWS service's event has on EventBridge. */
export interface AwsEvent<DetailType extends string = string, Detail = Record<string, unknown>> {
  version: '0';
  id: string;
  'detail-type': DetailType;
  source: string;
  account: string;
  /** Whole seconds, as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  detail: Detail;
}

export function eventTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
