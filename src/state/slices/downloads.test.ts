import { describe, expect, it } from 'vitest';
import { downloadInOrder } from './downloads';

describe('downloadInOrder', () => {
  it('downloads one after another in the given order, all started at once; a failure is its Error and the rest go on', async () => {
    const log: string[] = [];
    const fetchBytes = async (url: string) => {
      log.push(`start ${url}`);
      await new Promise((r) => setTimeout(r, url === '/a' ? 30 : 5));
      log.push(`end ${url}`);
      if (url === '/b') throw new Error('HTTP 404');
      return new TextEncoder().encode(url).buffer as ArrayBuffer;
    };
    const [a, b, c] = downloadInOrder(['/a', '/b', '/c'], fetchBytes);
    const got = await Promise.all([a, b, c]);
    expect(log).toEqual(['start /a', 'end /a', 'start /b', 'end /b', 'start /c', 'end /c']);
    expect(new TextDecoder().decode(got[0] as ArrayBuffer)).toBe('/a');
    expect(got[1]).toBeInstanceOf(Error);
    expect((got[1] as Error).message).toBe('HTTP 404');
    expect(new TextDecoder().decode(got[2] as ArrayBuffer)).toBe('/c');
  });
});
