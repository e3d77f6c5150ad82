/**
 * The encoding each browser gets, from what each one answers when asked (its WebCodecs
 * isConfigSupported, the readers it has, its MediaRecorder.isTypeSupported), as measured on the
 * real engines where they run here (Debian's Chromium, Firefox ESR 153, WebKitGTK 2.50) and as the
 * others document it. H.264 wherever it exists; AAC wherever the browser encodes it, so that
 * transwrap copies both tracks; VP8 only when nothing else is left.
 */
import { chooseEncoding, type EncoderCapabilities } from './encoding-ladder';

const NOTHING: EncoderCapabilities = {
  webCodecsH264: false,
  webCodecsAac: false,
  webCodecsOpus: false,
  trackProcessor: false,
  audioWorklet: false,
};
const recorder = (...types: string[]) => ({ recorderSupports: (type: string) => types.includes(type) });

const BROWSERS: Record<string, EncoderCapabilities> = {
  'Chrome 131 on Android, macOS, Windows': {
    ...{
      webCodecsH264: true,
      webCodecsAac: true,
      webCodecsOpus: true,
      trackProcessor: true,
      audioWorklet: true,
    },
    ...recorder(
      'video/mp4;codecs=avc1,mp4a.40.2',
      'video/webm;codecs=h264,opus',
      'video/webm;codecs=vp8,opus',
    ),
  },
  // Measured: no AAC encoder on Linux, in WebCodecs or MediaRecorder.
  'Debian Chromium': {
    ...{
      webCodecsH264: true,
      webCodecsAac: false,
      webCodecsOpus: true,
      trackProcessor: true,
      audioWorklet: true,
    },
    ...recorder('video/webm;codecs=h264,opus', 'video/webm;codecs=vp8,opus'),
  },
  // Measured: H.264 and Opus in WebCodecs, no MediaStreamTrackProcessor, VP8-only MediaRecorder.
  'Firefox ESR 153': {
    ...{
      webCodecsH264: true,
      webCodecsAac: false,
      webCodecsOpus: true,
      trackProcessor: false,
      audioWorklet: true,
    },
    ...recorder('video/webm;codecs=vp8,opus'),
  },
  'Firefox 115 (no WebCodecs)': { ...NOTHING, audioWorklet: true, ...recorder('video/webm;codecs=vp8,opus') },
  // Measured: H.264, AAC and Opus in WebCodecs, no MediaStreamTrackProcessor on the page.
  'WebKitGTK 2.50': {
    ...{
      webCodecsH264: true,
      webCodecsAac: true,
      webCodecsOpus: true,
      trackProcessor: false,
      audioWorklet: true,
    },
    ...recorder('video/mp4;codecs=avc1,mp4a.40.2', 'video/mp4'),
  },
  // Safari 26 (macOS, iOS, an installed iOS app alike): WebCodecs AAC, MediaStreamTrackProcessor only in workers.
  'Safari 26': {
    ...{
      webCodecsH264: true,
      webCodecsAac: true,
      webCodecsOpus: true,
      trackProcessor: false,
      audioWorklet: true,
    },
    ...recorder('video/mp4;codecs=avc1,mp4a.40.2', 'video/mp4'),
  },
  // Safari 16.3 and older: no VideoEncoder.
  'Safari 16 (iOS)': {
    ...NOTHING,
    audioWorklet: true,
    ...recorder('video/mp4;codecs=avc1,mp4a.40.2', 'video/mp4'),
  },
  'Safari 14.5 (iOS)': { ...NOTHING, audioWorklet: true, ...recorder('video/mp4') },
};

test.each([
  ['Chrome 131 on Android, macOS, Windows', 'WebCodecs', 'track-processor', { video: 'h264', audio: 'aac' }],
  ['Debian Chromium', 'WebCodecs', 'track-processor', { video: 'h264', audio: 'opus' }],
  ['Firefox ESR 153', 'WebCodecs', 'canvas-and-worklet', { video: 'h264', audio: 'opus' }],
  ['Firefox 115 (no WebCodecs)', 'MediaRecorder', undefined, { video: 'vp8', audio: 'opus' }],
  ['WebKitGTK 2.50', 'WebCodecs', 'canvas-and-worklet', { video: 'h264', audio: 'aac' }],
  ['Safari 26', 'WebCodecs', 'canvas-and-worklet', { video: 'h264', audio: 'aac' }],
  ['Safari 16 (iOS)', 'MediaRecorder', undefined, { container: 'mp4', video: 'h264', audio: 'aac' }],
  ['Safari 14.5 (iOS)', 'MediaRecorder', undefined, { container: 'mp4', video: 'h264', audio: 'aac' }],
])('%s encodes with %s (%s): %o', (browser, encoder, source, media) => {
  const encoding = chooseEncoding(BROWSERS[browser]!, { adaptive: true });
  expect(encoding).toMatchObject({ encoder, media });
  expect(encoding?.encoder === 'WebCodecs' ? encoding.source : undefined).toBe(source);
});

test.each([
  ['Chrome 131 on Android, macOS, Windows', { container: 'mp4', video: 'h264', audio: 'aac' }],
  ['Debian Chromium', { container: 'webm', video: 'h264', audio: 'opus' }],
  ['Firefox ESR 153', { container: 'webm', video: 'vp8', audio: 'opus' }],
])("a seller who turns adaptive quality off gets %s's own recorder: %o", (browser, media) => {
  expect(chooseEncoding(BROWSERS[browser]!, { adaptive: false })).toMatchObject({
    encoder: 'MediaRecorder',
    media,
  });
});

test('with adaptive quality off, a browser whose only encoder is WebCodecs still goes live with it', () => {
  const webCodecsOnly = { ...BROWSERS['WebKitGTK 2.50']!, recorderSupports: undefined };
  expect(chooseEncoding(webCodecsOnly, { adaptive: false })?.encoder).toBe('WebCodecs');
});

test('WebCodecs without a way to read the microphone falls back to the recorder', () => {
  const noReader = { ...BROWSERS['Firefox ESR 153']!, audioWorklet: false };
  expect(chooseEncoding(noReader, { adaptive: true })?.media.video).toBe('vp8');
});

test('a browser without WebCodecs or MediaRecorder (iOS before 14.3) cannot go live', () => {
  expect(chooseEncoding({ ...NOTHING }, { adaptive: true })).toBeUndefined();
  expect(chooseEncoding({ ...NOTHING, ...recorder() }, { adaptive: true })).toBeUndefined();
});
