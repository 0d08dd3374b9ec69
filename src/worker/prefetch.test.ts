import { describe, expect, it } from 'vitest';
import { createPrefetch } from './prefetch';

describe('createPrefetch', () => {
  it('hands the started download to the fetch of the same URL, once', async () => {
    const calls: string[] = [];
    const p = createPrefetch(async (url) => {
      calls.push(url);
      return new TextEncoder().encode(url).buffer as ArrayBuffer;
    });
    p.start('/b.geojson');
    expect(calls).toEqual(['/b.geojson']);
    expect(new TextDecoder().decode(await p.fetch('/b.geojson'))).toBe('/b.geojson');
    expect(calls).toEqual(['/b.geojson']);
    // taken: the next fetch of it downloads again
    await p.fetch('/b.geojson');
    expect(calls).toEqual(['/b.geojson', '/b.geojson']);
  });

  it('drops a started download when another URL is fetched (its bytes are not kept)', async () => {
    const calls: string[] = [];
    const p = createPrefetch(async (url) => {
      calls.push(url);
      return new ArrayBuffer(1);
    });
    p.start('/b.geojson');
    await p.fetch('/c.geojson');
    await p.fetch('/b.geojson');
    expect(calls).toEqual(['/b.geojson', '/c.geojson', '/b.geojson']);
  });

  it('a failed download is the rejection of the fetch that takes it, and unhandled if never taken', async () => {
    const p = createPrefetch(async () => {
      throw new Error('HTTP 404');
    });
    p.start('/gone.geojson');
    await expect(p.fetch('/gone.geojson')).rejects.toThrow('HTTP 404');
    p.start('/never-taken.geojson');
    await new Promise((r) => setTimeout(r, 0));
  });
});
