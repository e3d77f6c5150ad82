/**
 * transwrap's load as a CloudWatch metric, written as a log line in CloudWatch's embedded metric
 * format (EMF): CloudWatch Logs turns it into the metric the AWS deployment scales on (average
 * LoadPercent across tasks), with no API call and no permission. Spec:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export const LOAD_METRIC = 'LoadPercent';
export const SESSIONS_METRIC = 'Sessions';
/** The one dimension: every task of a deployment reports under the same value, so they average. */
export const SERVICE_DIMENSION = 'Service';

/** The fields of one EMF log line (the logger adds its own time, level and message). */
export function loadMetricFields(
  namespace: string,
  service: string,
  sessions: number,
  load: number,
  now = Date.now(),
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [[SERVICE_DIMENSION]],
          Metrics: [
            { Name: LOAD_METRIC, Unit: 'Percent' },
            { Name: SESSIONS_METRIC, Unit: 'Count' },
          ],
        },
      ],
    },
    [SERVICE_DIMENSION]: service,
    [LOAD_METRIC]: Math.round(load * 1000) / 10,
    [SESSIONS_METRIC]: sessions,
  };
}
