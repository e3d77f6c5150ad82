/** The part of mux.js (Video.js's MP4 reader) the tests use to read our media as a player does. */
declare module 'mux.js/lib/mp4/probe' {
  export interface Id3Frame {
    key: string;
    description?: string;
    data?: string | Uint8Array;
    value?: string;
  }
  export interface EmsgId3 {
    /** Seconds on the media timeline. */
    cueTime: number;
    duration: number;
    frames: Id3Frame[];
  }
  /** Timed metadata carried in the fragment's emsg boxes (AOM ID3-in-emsg). */
  export function getEmsgID3(segment: Uint8Array, offset?: number): EmsgId3[];
  /** Track id -> timescale, from an init section. */
  export function timescale(init: Uint8Array): Record<number, number>;
  /** The earliest decode time of the fragment's tracks, in seconds. */
  export function startTime(timescales: Record<number, number>, fragment: Uint8Array): number;
}
