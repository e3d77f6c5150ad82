import { existsSync, readdirSync, rmSync } from 'node:fs';
import { FAKE_MEDIA_DIR, fakeMedia } from './fake-media';

// An odd size and tone no other test asks for, so the files are made here and nowhere else.
const options = { width: 322, height: 182, fps: 30, seconds: 4, toneHz: 1_234 };
const leftovers = () =>
  readdirSync(FAKE_MEDIA_DIR).filter((name) => name.includes('322x182') || name.includes('1234hz'));

afterAll(() => {
  for (const name of leftovers()) rmSync(`${FAKE_MEDIA_DIR}/${name}`, { force: true });
});

test('browsers launched together on a fresh cache all get the same finished files, and no partial file is left', async () => {
  for (const name of existsSync(FAKE_MEDIA_DIR) ? leftovers() : []) rmSync(`${FAKE_MEDIA_DIR}/${name}`);

  const made = await Promise.all([fakeMedia(options), fakeMedia(options), fakeMedia(options)]);

  expect(new Set(made.map((media) => media.video)).size).toBe(1);
  expect(existsSync(made[0].video)).toBe(true);
  expect(existsSync(made[0].audio)).toBe(true);
  expect(leftovers().filter((name) => name.endsWith('.partial'))).toEqual([]);
});
