/**
 * The table of likely causes covers what verify can meet: every close code transwrap/PROTOCOL.md
 * defines (a code added there without a cause here fails), and a refused handshake is explained by
 * who refused it (CloudFront's 504 means something else than any other gateway's).
 */
import { CloseCode } from '../../../transwrap/src/protocol/messages';
import { likelyCause } from './failure-hints';

test.each(Object.entries(CloseCode).filter(([, code]) => code !== CloseCode.Normal))(
  'close code %s (%d) has a likely cause',
  (_name, code) => {
    expect(likelyCause('hello', `close:${code}`)).toEqual(expect.any(String));
  },
);

test('a 504 from CloudFront blames the ALB not admitting CloudFront; from elsewhere, reaching the tasks', () => {
  expect(likelyCause('connect', 'wss:http-504@CloudFront')).toMatch(
    /^the ALB does not admit CloudFront: .*com\.amazonaws\.global\.cloudfront\.origin-facing/,
  );
  expect(likelyCause('connect', 'wss:http-504@the ALB')).toMatch(/cannot reach the tasks/);
  expect(likelyCause('connect', 'wss:http-504')).toMatch(/cannot reach the tasks/);
});
