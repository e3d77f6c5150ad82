/**
 * The recording format per browser, from what each one's MediaRecorder.isTypeSupported answers
 * (as those browsers answer it): H.264 wherever it exists, VP8 only for Firefox.
 */
import { chooseRecordingFormat } from './recording-format';

const BROWSERS: Record<string, string[]> = {
  'Chrome 131 (desktop, Android)': [
    'video/webm;codecs=h264,opus',
    'video/x-matroska;codecs=avc1,opus',
    'video/webm;codecs=vp8,opus',
    'video/mp4',
  ],
  // Chromium as Debian ships it: WebM H.264 + Opus, no MP4 AAC.
  'Debian Chromium': ['video/webm;codecs=h264,opus', 'video/webm;codecs=vp8,opus'],
  'Safari 18 (macOS, iOS, installed iOS app)': [
    'video/mp4;codecs=avc1,mp4a.40.2',
    'video/mp4',
    'video/webm;codecs=vp8,opus',
  ],
  'Safari 14.5 (iOS)': ['video/mp4'],
  'Firefox 133': ['video/webm;codecs=vp8,opus', 'video/webm'],
};

test.each([
  ['Chrome 131 (desktop, Android)', { container: 'webm', video: 'h264', audio: 'opus' }],
  ['Debian Chromium', { container: 'webm', video: 'h264', audio: 'opus' }],
  ['Safari 18 (macOS, iOS, installed iOS app)', { container: 'mp4', video: 'h264', audio: 'aac' }],
  ['Safari 14.5 (iOS)', { container: 'mp4', video: 'h264', audio: 'aac' }],
  ['Firefox 133', { container: 'webm', video: 'vp8', audio: 'opus' }],
])('%s records %o', (browser, media) => {
  const supported = new Set(BROWSERS[browser]);
  expect(chooseRecordingFormat((type) => supported.has(type))?.media).toEqual(media);
});

test('a browser without MediaRecorder (iOS before 14.3) cannot go live', () => {
  expect(chooseRecordingFormat(undefined)).toBeUndefined();
  expect(chooseRecordingFormat(() => false)).toBeUndefined();
});
