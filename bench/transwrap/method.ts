/**
 * What a step measures and when it counts as keeping up. The results print this beside the
 * figures, so a reader of the JSON knows what "kept up" and "delay" meant for that run.
 *
 * Once all of a step's streams are live at the tap, SETTLE_MS lets the new ones settle, then
 * everything is measured over WINDOW_MS. A stream falls behind real time when the tap got fewer
 * than MIN_RELAYED of the frames sent in the window, or a frame took more than MAX_DELAY_MS, or
 * went missing, or its connection closed. The bench's own senders must stay within
 * MAX_SENDER_LATE_MS of their schedule: past that the machine, not the relay, fell behind, and the
 * step cannot count.
 *
 * Relay delay: from the moment the message completing a video frame is handed to the client's
 * WebSocket to the moment the frame's last byte reaches the tap (both stamped on one monotonic
 * clock): loopback WebSocket, the relay's Node process, FFmpeg, RTMPS. It includes FFmpeg holding
 * each video frame until it has AAC audio up to the same time (FLV must be interleaved; Opus->AAC
 * lags ~63 ms: 43 ms encoder delay + a 20 ms Opus frame), which arrives with the client's next
 * message: so p50 is about one message interval (100 ms here; 20 ms messages give ~63 ms, and
 * without audio FFmpeg adds ~0.3 ms, measured outside this bench). It does not include the time
 * the client waited to fill a message, nor the ingest's HLS packaging.
 */
export const SETTLE_MS = 3000;
export const WINDOW_MS = 8000;
/** RSS moves with each FFmpeg's buffers: it is averaged over samples this far apart. */
export const SAMPLE_MS = 1000;
export const LIVE_TIMEOUT_MS = 10_000;
/**
 * Other programs share this machine: a step that fell behind while they used more than this many
 * cores is run again (once per ramp) with new streams, after they quieten.
 */
export const RETRY_OTHER_CORES = 0.3;
export const MAX_DELAY_MS = 1000;
export const MIN_RELAYED = 0.95;
export const MAX_SENDER_LATE_MS = 500;

export const METHOD = {
  settleMs: SETTLE_MS,
  windowMs: WINDOW_MS,
  keepsUp: `every stream: >= ${MIN_RELAYED * 100} % of the window's frames relayed, none > ${MAX_DELAY_MS} ms, none missing, still open; bench senders <= ${MAX_SENDER_LATE_MS} ms late; a step that fell behind while other programs used > ${RETRY_OTHER_CORES} cores is run again once with new streams`,
  delay:
    'client WebSocket send of the message completing a video frame -> its last byte at the tap before the ingest',
  perStream: "the relay's process tree (Node + FFmpeg children) over the window, divided by N",
};
