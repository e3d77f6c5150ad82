/**
 * The load line is a valid CloudWatch embedded-metric-format document (the spec's rules), so
 * CloudWatch Logs makes the scaling metric of it.
 */
import { loadMetricFields, LOAD_METRIC, SESSIONS_METRIC } from './load-metric';

interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit?: string }[];
    }[];
  };
  [member: string]: unknown;
}

test.each([
  [0, 0, 0],
  [1, 1 / 30, 3.3],
  [15, 0.5, 50],
  [30, 1, 100],
])(
  '%i sessions at load %f is LoadPercent %f, with its dimension, units and time',
  (sessions, load, percent) => {
    const now = Date.UTC(2026, 10, 26, 12);
    const line = JSON.parse(
      JSON.stringify(loadMetricFields('GoLive/Transwrap', 'amplify-x-main-branch-1', sessions, load, now)),
    ) as EmfDocument;

    // Spec: Timestamp in milliseconds since the epoch; one or more metric directives.
    expect(line._aws.Timestamp).toBe(now);
    const [directive] = line._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe('GoLive/Transwrap');
    // Every dimension and metric named refers to a root member: strings for dimensions, numbers for metrics.
    for (const name of directive!.Dimensions.flat()) expect(typeof line[name]).toBe('string');
    for (const { Name } of directive!.Metrics) expect(typeof line[Name]).toBe('number');
    expect(directive!.Dimensions).toEqual([['Service']]);
    expect(line.Service).toBe('amplify-x-main-branch-1');
    expect(line[LOAD_METRIC]).toBe(percent);
    expect(line[SESSIONS_METRIC]).toBe(sessions);
    expect(directive!.Metrics).toEqual([
      { Name: LOAD_METRIC, Unit: 'Percent' },
      { Name: SESSIONS_METRIC, Unit: 'Count' },
    ]);
  },
);
