/**
 * A session's stream-status reports to the API (reportStreamStatus), which viewers' pages follow.
 * They go out in order, one after another, so a later status never overtakes an earlier one; a
 * report that fails is dropped (IVS's own events still reach the API). OFFLINE is only said after
 * this session has said something else: one that never reported put nothing on the channel.
 */
import type { StreamStatus } from '@golive/common/generated/schema-types';

/** What reporting needs of the API (api/control-plane.ts). */
export interface StatusApi {
  reportStreamStatus(channelId: string, status: StreamStatus, at: Date): Promise<void>;
}

export class StatusReports {
  private chain: Promise<void> = Promise.resolve();
  private reported?: StreamStatus;

  constructor(private readonly api: StatusApi) {}

  report(channelId: string | undefined, status: StreamStatus): void {
    if (!channelId || (status === 'OFFLINE' && !this.reported)) return;
    this.reported = status;
    const at = new Date();
    this.chain = this.chain.then(() =>
      this.api.reportStreamStatus(channelId, status, at).catch(() => undefined),
    );
  }
}
