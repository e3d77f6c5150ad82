/**
 * Where a stream arriving as FLV must start a new period: where a sequence header (decoder
 * configuration) differs from the one in force after media has gone by. Within a period the
 * configuration is fixed, as one MP4 init section requires; each period starts with the FLV header
 * and the configurations in force, so it can be muxed on its own.
 */
import { encodeFlvTag, flvHeader, FlvTagType, isSequenceHeader, type FlvTag } from '@golive/common/media/flv';

export class FlvPeriods {
  private readonly headers = new Map<FlvTagType, FlvTag>();
  /** A period is open: media goes on in it until a configuration changes. */
  private open = false;

  /**
   * @param startPeriod called with the first bytes of each new period (FLV header, configurations, first tag)
   * @param continuePeriod called with each further tag's bytes
   */
  constructor(
    private readonly startPeriod: (bytes: Buffer) => void,
    private readonly continuePeriod: (bytes: Buffer) => void,
  ) {}

  push(tag: FlvTag): void {
    if (tag.type === FlvTagType.Script) return; // FFmpeg writes its own metadata
    if (isSequenceHeader(tag)) {
      const current = this.headers.get(tag.type);
      this.headers.set(tag.type, tag);
      // The next media starts a new period, with every configuration then in force.
      if (!current?.data.equals(tag.data)) this.open = false;
      return;
    }
    if (this.open) return this.continuePeriod(encodeFlvTag(tag));
    this.open = true;
    const tracks = { audio: this.headers.has(FlvTagType.Audio), video: this.headers.has(FlvTagType.Video) };
    const headers = [...this.headers.values()].map((header) =>
      encodeFlvTag({ ...header, timestamp: tag.timestamp }),
    );
    this.startPeriod(Buffer.concat([flvHeader(tracks), ...headers, encodeFlvTag(tag)]));
  }
}
