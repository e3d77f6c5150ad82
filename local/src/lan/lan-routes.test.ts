/**
 * LAN mode's one origin forwards only what a browser uses; the AWS stand-ins' control APIs stay
 * on loopback because no path leads to them.
 */
import { httpRoute, upgradeRoute, type LanUpstreams } from './lan-routes';

const upstreams: LanUpstreams = {
  app: 'http://127.0.0.1:1001',
  graphql: 'http://127.0.0.1:1002',
  cognito: 'http://127.0.0.1:1003',
  ivs: 'http://127.0.0.1:1004',
  transwrap: () => ['http://127.0.0.1:1005', undefined, 'http://127.0.0.1:1007'],
};

describe('an HTTP request to the LAN origin', () => {
  test.each([
    ['GET', '/', upstreams.app, '/'],
    ['GET', '/live?x=1', upstreams.app, '/live?x=1'],
    ['GET', '/amplify_outputs.json', upstreams.app, '/amplify_outputs.json'],
    ['POST', '/graphql', upstreams.graphql, '/graphql'],
    ['GET', '/graphql', upstreams.graphql, '/graphql'],
    ['POST', '/cognito/', upstreams.cognito, '/'],
    [
      'GET',
      '/api/video/v1/us-east-1.1.channel.a.m3u8',
      upstreams.ivs,
      '/api/video/v1/us-east-1.1.channel.a.m3u8',
    ],
    ['HEAD', '/api/video/v1/x/1.mp4', upstreams.ivs, '/api/video/v1/x/1.mp4'],
  ])('%s %s goes to %s as %s', (method, url, target, path) => {
    expect(httpRoute(upstreams, method, url)).toEqual({ target, url: path });
  });

  test.each([
    // IVS's control plane (CreateChannel, GetStreamKey...) is POST on IVS's port: not routed.
    ['POST', '/api/video/v1/x.m3u8'],
    ['POST', '/GetStreamKey'],
    // Cognito's other paths (its JWKS, the hosted UI) are not what a page calls.
    ['GET', '/cognito/us-east-1_x/.well-known/jwks.json'],
    ['POST', '/ingest/1'],
  ])('%s %s reaches no AWS stand-in', (method, url) => {
    const route = httpRoute(upstreams, method, url);
    expect([undefined, upstreams.app]).toContainEqual(route?.target);
  });
});

describe('a WebSocket upgrade on the LAN origin', () => {
  test('the real-time path goes to the GraphQL API', () => {
    expect(upgradeRoute(upstreams, '/graphql/realtime?header=e30&payload=e30')).toEqual({
      target: upstreams.graphql,
      url: '/graphql/realtime?header=e30&payload=e30',
    });
  });

  test('/ingest/<n> goes to transwrap instance n as its /ingest, wherever that instance is now', () => {
    expect(upgradeRoute(upstreams, '/ingest/1')).toEqual({ target: 'http://127.0.0.1:1005', url: '/ingest' });
    expect(upgradeRoute(upstreams, '/ingest/3?v=1')).toEqual({
      target: 'http://127.0.0.1:1007',
      url: '/ingest?v=1',
    });
  });

  test.each(['/ingest/2', '/ingest/4', '/ingest/0', '/ingest/01', '/ingest', '/health', '/'])(
    '%s is not here (no such instance, or not a socket a page opens)',
    (url) => expect(upgradeRoute(upstreams, url)).toBeUndefined(),
  );
});
