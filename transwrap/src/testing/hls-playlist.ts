/** The segment names a channel's HLS playlist lists now (none while it is not live). */
export async function listedSegments(playbackUrl: string): Promise<string[]> {
  const response = await fetch(playbackUrl);
  return response.ok ? (await response.text()).split('\n').filter((line) => line.endsWith('.ts')) : [];
}
