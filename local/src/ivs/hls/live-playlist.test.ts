import { LivePlaylist } from './live-playlist';

const options = { mediaPrefix: 'ch/', partTargetS: 0.4, windowSegments: 3 };
const key = { durationS: 0.3, independent: true };
const delta = { durationS: 0.3, independent: false };
/** One 2.1 s GOP: a keyframe part and six more. */
const gop = [key, delta, delta, delta, delta, delta, delta];

function playlistWith(parts: (typeof key)[]): LivePlaylist {
  const playlist = new LivePlaylist(options);
  parts.forEach((part, index) => playlist.add(part, new Date(Date.UTC(2026, 11, 4, 12, 0, 0, index * 300))));
  return playlist;
}

const tags = (text: string, tag: string) => text.split('\n').filter((line) => line.startsWith(tag));

test('before the first keyframe-led GOP ends, the playlist lists its parts and hints the next one', () => {
  const text = playlistWith([key, delta]).render();

  expect(text).toBe(
    [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.200',
      '#EXT-X-PART-INF:PART-TARGET=0.400',
      '#EXT-X-MEDIA-SEQUENCE:0',
      // Too little video for PART-HOLD-BACK: start at the one keyframe there is.
      '#EXT-X-START:TIME-OFFSET=0.000,PRECISE=YES',
      '#EXT-X-MAP:URI="ch/init.mp4"',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-04T12:00:00.000Z',
      '#EXT-X-PART:DURATION=0.300,URI="ch/part-0.mp4",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.300,URI="ch/part-1.mp4"',
      '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="ch/part-2.mp4"',
      '',
    ].join('\n'),
  );
});

test('a keyframe part closes the open segment, which is then listed whole after its parts', () => {
  const playlist = new LivePlaylist(options);
  gop.forEach((part) => playlist.add(part));

  const placement = playlist.add(key);

  expect(placement).toEqual({
    msn: 1,
    part: 0,
    number: 7,
    completed: { msn: 0, parts: [0, 1, 2, 3, 4, 5, 6] },
  });
  const text = playlist.render();
  expect(text).toContain('#EXT-X-PART:DURATION=0.300,URI="ch/part-6.mp4"\n#EXTINF:2.100,\nch/0.mp4\n');
  expect(text).toContain('#EXT-X-PART:DURATION=0.300,URI="ch/part-7.mp4",INDEPENDENT=YES\n');
  expect(tags(text, '#EXT-X-PROGRAM-DATE-TIME')).toHaveLength(2);
});

test('a long broadcast lists the last windowSegments whole segments, with parts only for the last three target durations', () => {
  const playlist = playlistWith([...gop, ...gop, ...gop, ...gop, ...gop, key]);
  const text = playlist.render();

  expect(tags(text, '#EXT-X-MEDIA-SEQUENCE')).toEqual(['#EXT-X-MEDIA-SEQUENCE:2']);
  expect(tags(text, '#EXTINF')).toHaveLength(3);
  expect(text.split('\n').filter((line) => /^ch\/\d+\.mp4$/.test(line))).toEqual([
    'ch/2.mp4',
    'ch/3.mp4',
    'ch/4.mp4',
  ]);
  // 3 x TARGETDURATION 2 = 6 s back from the end: the open segment and the last three whole ones.
  expect(tags(text, '#EXT-X-PART:')).toHaveLength(1 + 7 * 3);
  expect(text).not.toContain('URI="ch/part-13.mp4"');
  expect(playlist.mediaSequence).toBe(2);
});

test('a new viewer is sent to the newest keyframe at least PART-HOLD-BACK (1.2 s) before the end', () => {
  const start = (parts: (typeof key)[]) => tags(playlistWith(parts).render(), '#EXT-X-START');

  // Keyframes at 0 and 2.1 s; the end at 2.1 + 1.2 = 3.3 s: the second keyframe is just far enough
  // back. The offset counts from the playlist's beginning (see LivePlaylist.startTag for why).
  expect(start([...gop, key, delta, delta, delta])).toEqual(['#EXT-X-START:TIME-OFFSET=2.100,PRECISE=YES']);
  // One part less and it is too near the end: the keyframe before it, 3.0 s back.
  expect(start([...gop, key, delta, delta])).toEqual(['#EXT-X-START:TIME-OFFSET=0.000,PRECISE=YES']);
  expect(start([])).toEqual([]);
});

test('the target duration is the longest segment rounded, never below 1 s', () => {
  const long = [key, ...Array.from({ length: 12 }, () => delta)]; // 3.9 s without a keyframe
  expect(tags(playlistWith([...long, key]).render(), '#EXT-X-TARGETDURATION')).toEqual([
    '#EXT-X-TARGETDURATION:4',
  ]);
  const short = [key, delta];
  expect(tags(playlistWith([...short, ...short, key]).render(), '#EXT-X-TARGETDURATION')).toEqual([
    '#EXT-X-TARGETDURATION:1',
  ]);
});

test('ending completes the open segment, says ENDLIST and hints nothing', () => {
  const playlist = playlistWith([...gop, key, delta]);

  expect(playlist.end()).toEqual({ msn: 1, parts: [7, 8] });
  const text = playlist.render();
  expect(text.endsWith('#EXTINF:0.600,\nch/1.mp4\n#EXT-X-ENDLIST\n')).toBe(true);
  expect(text).not.toContain('PRELOAD-HINT');
  expect(() => playlist.add(key)).toThrow('ended');
});

test('a blocking reload is answered once its segment or part exists, the segment is gone, or the stream ended', () => {
  const playlist = playlistWith([...gop, key]);

  expect(playlist.reached(0)).toBe(true); // complete
  expect(playlist.reached(1)).toBe(false); // still open
  expect(playlist.reached(1, 0)).toBe(true);
  expect(playlist.reached(1, 1)).toBe(false);
  expect(playlist.nextMsn).toBe(1);

  const later = playlistWith([...gop, ...gop, ...gop, ...gop, ...gop, key]);
  expect(later.reached(0, 3)).toBe(true); // long gone from the playlist

  playlist.end();
  expect(playlist.reached(7, 0)).toBe(true);
});

test('waiting for a part resolves when it is added, and false when the stream ends or time runs out', async () => {
  const playlist = playlistWith([key]);

  const next = playlist.when(() => playlist.reached(0, 1), 5_000);
  playlist.add(delta);
  await expect(next).resolves.toBe(true);

  await expect(playlist.when(() => playlist.reached(0, 5), 20)).resolves.toBe(false);

  const never = playlist.when(() => playlist.hasPart(99), 5_000);
  playlist.end();
  await expect(never).resolves.toBe(false);
});

test('a new period (the slate, then the camera again) starts a segment after EXT-X-DISCONTINUITY, with its own init section', () => {
  const playlist = playlistWith(gop);
  expect(playlist.discontinuity()).toBe('ch/init-1.mp4');
  // Mid-GOP in the old period, the new one starts a segment even so.
  [key, delta].forEach((part) => playlist.add(part));
  const text = playlist.render();
  const lines = text.split('\n');
  const at = lines.indexOf('#EXT-X-DISCONTINUITY');
  expect(lines.slice(at, at + 2)).toEqual(['#EXT-X-DISCONTINUITY', '#EXT-X-MAP:URI="ch/init-1.mp4"']);
  // The segment before it is complete; the one after it starts with the new period's first part.
  expect(lines.slice(at - 2, at)).toEqual(['#EXTINF:2.100,', 'ch/0.mp4']);
  expect(lines[at + 3]).toBe('#EXT-X-PART:DURATION=0.300,URI="ch/part-7.mp4",INDEPENDENT=YES');
  expect(tags(text, '#EXT-X-DISCONTINUITY-SEQUENCE')).toEqual([]);
});

test('once a discontinuity leaves the window, the playlist counts it and starts with the init section in force', () => {
  const playlist = playlistWith(gop);
  playlist.discontinuity();
  // Four GOPs later the window (three segments) holds the new period only.
  for (let i = 0; i < 4; i++) gop.forEach((part) => playlist.add(part));
  const text = playlist.render();
  expect(tags(text, '#EXT-X-MEDIA-SEQUENCE')).toEqual(['#EXT-X-MEDIA-SEQUENCE:1']);
  expect(tags(text, '#EXT-X-DISCONTINUITY-SEQUENCE')).toEqual(['#EXT-X-DISCONTINUITY-SEQUENCE:1']);
  expect(tags(text, '#EXT-X-MAP')).toEqual(['#EXT-X-MAP:URI="ch/init-1.mp4"']);
  expect(text.split('\n')).not.toContain('#EXT-X-DISCONTINUITY');
});
