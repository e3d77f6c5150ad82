/** Finding where a restarted relay can pick up a WebM or fragmented MP4 stream. */
import { MediaResumePoint } from './media-resume-point';

const CLUSTER = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);

test('WebM: the header is everything before the first Cluster; later clusters are found even when split across chunks', () => {
  const point = new MediaResumePoint('webm');
  const ebml = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]);
  expect(point.observe(ebml)).toBeUndefined();
  expect(point.header).toBeUndefined();
  expect(point.observe(Buffer.concat([Buffer.from([4, 5]), CLUSTER, Buffer.from([9, 9])]))).toEqual(
    Buffer.concat([CLUSTER, Buffer.from([9, 9])]),
  );
  expect(point.header).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5]));
  // A cluster id split over two chunks: the whole id is given back with the second chunk.
  expect(point.observe(Buffer.concat([Buffer.from([7, 7]), CLUSTER.subarray(0, 2)]))).toBeUndefined();
  expect(point.observe(Buffer.concat([CLUSTER.subarray(2), Buffer.from([8])]))).toEqual(
    Buffer.concat([CLUSTER, Buffer.from([8])]),
  );
  expect(point.observe(Buffer.from([1, 2, 3]))).toBeUndefined();
});

test('MP4: the header is ftyp + moov; a fragment starts at the size before `moof`', () => {
  const point = new MediaResumePoint('mp4');
  const ftypMoov = Buffer.concat([
    Buffer.from([0, 0, 0, 8]),
    Buffer.from('ftyp'),
    Buffer.from([0, 0, 0, 8]),
    Buffer.from('moov'),
  ]);
  const fragment = Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('moof'), Buffer.alloc(8)]);
  expect(point.observe(Buffer.concat([ftypMoov, fragment]))).toEqual(fragment);
  expect(point.header).toEqual(ftypMoov);
});

test('a boundary split between a passed-through chunk and a searched one is still found', () => {
  const point = new MediaResumePoint('webm');
  point.observe(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), CLUSTER, Buffer.from([1])]));
  point.pass(Buffer.concat([Buffer.alloc(100, 5), CLUSTER.subarray(0, 3)]));
  expect(point.observe(Buffer.concat([CLUSTER.subarray(3), Buffer.from([6])]))).toEqual(
    Buffer.concat([CLUSTER, Buffer.from([6])]),
  );
  // Short chunks passed through still leave the right tail.
  point.pass(CLUSTER.subarray(0, 1));
  point.pass(CLUSTER.subarray(1, 2));
  expect(point.observe(CLUSTER.subarray(2))).toEqual(CLUSTER);
});
