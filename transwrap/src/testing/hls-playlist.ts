/** The segment names a channel's HLS playlist lists now (none while it is not live). */
export async function listedSegments(playbackUrl: string): Promise<string[]> {
  const response = await fetch(playbackUrl);
  return response.ok ? (await response.text()).split('\n').filter((line) => line.endsWith('.ts')) : [];
}

/** Waits until the playlist lists segments (the channel is being packaged), and returns them. */
export async function segmentsSoon(playbackUrl: string): Promise<string[]> {
  for (;;) {
    const listed = await listedSegments(playbackUrl);
    if (listed.length > 0) return listed;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
