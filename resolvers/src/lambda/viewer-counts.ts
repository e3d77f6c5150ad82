/**
 * The viewer-count poller: on a schedule (EventBridge Scheduler in AWS, a timer in the local
 * stack), reads every live stream's viewer count from IVS (ListStreams: one call a page for the
 * whole account, not one a channel or a viewer) and reports each one that changed to the API
 * (reportViewerCount, IAM), which pushes it to the channel's onChannelStatus subscribers. A
 * stream of another deployment in the account is NotFound there, and skipped.
 */
import { IvsClient, ListStreamsCommand } from '@aws-sdk/client-ivs';
import * as op from '@golive/common/api-operations';
import { AUTH_TYPE, createApiClient } from '@golive/common/graphql-client';

export type ReportViewerCount = (channelArn: string, viewerCount: number) => Promise<void>;

export function createViewerCountPoller(ivs: IvsClient, report: ReportViewerCount) {
  /** What was last reported, by channel ARN: an unchanged count is not sent again. */
  const reported = new Map<string, number>();
  return async function poll(): Promise<void> {
    const live = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await ivs.send(new ListStreamsCommand({ nextToken, maxResults: 100 }));
      for (const { channelArn, viewerCount } of page.streams ?? []) {
        if (!channelArn || viewerCount === undefined) continue;
        live.add(channelArn);
        if (reported.get(channelArn) === viewerCount) continue;
        await report(channelArn, viewerCount).then(
          () => reported.set(channelArn, viewerCount),
          () => undefined,
        );
      }
      nextToken = page.nextToken;
    } while (nextToken);
    for (const arn of reported.keys()) if (!live.has(arn)) reported.delete(arn);
  };
}

/** Reports through the GraphQL API with IAM, as the credentials the IVS client uses sign them. */
export function reportThroughApi(ivs: IvsClient, graphqlUrl: string, region: string): ReportViewerCount {
  const client = createApiClient({
    url: graphqlUrl,
    region,
    auth: { type: AUTH_TYPE.AWS_IAM, credentials: () => ivs.config.credentials() },
  });
  return async (channelArn, viewerCount) => {
    const result = await client.mutate({
      mutation: op.REPORT_VIEWER_COUNT,
      variables: { channelArn, viewerCount },
    });
    if (result.error) throw new Error(result.error.message);
  };
}

/** The Lambda entry point in AWS: GRAPHQL_URL from the function's environment; the schedule calls it. */
let deployed: (() => Promise<void>) | undefined;
export function handler(): Promise<void> {
  if (!deployed) {
    const ivs = new IvsClient({});
    deployed = createViewerCountPoller(
      ivs,
      reportThroughApi(ivs, process.env.GRAPHQL_URL ?? '', process.env.AWS_REGION ?? ''),
    );
  }
  return deployed();
}
