/**
 * A held broadcast is let go when the grace ends, or once the API says a newer ticket of its
 * channel was claimed; not while that ticket is being claimed on this server (which hands the
 * stream over instead), and not because the API could not be asked.
 */
import { Holding, type LetGo } from './holding';

const settings = { graceMs: 120_000, askEveryMs: 2000 };

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function held(answers: (() => Promise<boolean>)[], mayLetGo?: () => boolean) {
  const asked: number[] = [];
  let next = 0;
  const holding = new Holding(
    settings,
    () => {
      asked.push(Date.now());
      return (answers[Math.min(next++, answers.length - 1)] ?? (() => Promise.resolve(false)))();
    },
    mayLetGo,
  );
  const letGo: LetGo[] = [];
  holding.hold((why) => letGo.push(why));
  return { holding, asked, letGo };
}

const no = () => Promise.resolve(false);
const yes = () => Promise.resolve(true);

test('asked every interval while held; a newer claim lets it go, once', async () => {
  const { asked, letGo } = held([no, no, yes]);
  await jest.advanceTimersByTimeAsync(2000 * 5);
  expect(asked).toHaveLength(3);
  expect(letGo).toEqual(['taken over by a newer broadcast of the channel']);
});

test('while this server is claiming the new ticket, it waits for the next answer instead', async () => {
  let claimingHere = true;
  const { asked, letGo } = held([yes], () => !claimingHere);
  await jest.advanceTimersByTimeAsync(2000 * 2);
  expect(asked).toHaveLength(2);
  expect(letGo).toEqual([]);
  claimingHere = false; // the claim was for another channel: this broadcast is still taken over
  await jest.advanceTimersByTimeAsync(2000);
  expect(letGo).toEqual(['taken over by a newer broadcast of the channel']);
});

test('an API that cannot be asked is not a takeover: the grace decides', async () => {
  const { letGo } = held([() => Promise.reject(new Error('unreachable'))]);
  await jest.advanceTimersByTimeAsync(settings.graceMs - 1);
  expect(letGo).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(letGo).toEqual(['resume grace period over']);
});

test('released (the seller resumed), it neither asks nor lets go', async () => {
  const { holding, asked, letGo } = held([yes]);
  holding.release();
  await jest.advanceTimersByTimeAsync(settings.graceMs * 2);
  expect(asked).toEqual([]);
  expect(letGo).toEqual([]);
});
