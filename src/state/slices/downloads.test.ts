import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../worker/streamedBytes';
import { BATCH_BYTES, Download, downloadInOrder } from './downloads';

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

describe('Download', () => {
  it('hands the pieces over in batches of at most BATCH_BYTES (a buffer the browser can reuse), in order, then the end', async () => {
    // 64 KiB body pieces and a few odd ones, one larger than a batch (it goes alone, as it is)
    const sizes = [...Array.from({ length: 60 }, () => 65536), 1000, 3, BATCH_BYTES + 5, ...Array.from({ length: 20 }, () => 40000)];
    const pieces = sizes.map((n, i) => new Uint8Array(n).fill(i % 251));
    let k = 0;
    const d = new Download('/a', async () => ({ size: sizes.reduce((a, b) => a + b, 0), next: async () => pieces[k++] }), Promise.resolve());
    const got: StreamMessage[] = [];
    let closed = false;
    d.pipeTo({ postMessage: (m) => got.push(m), close: () => (closed = true) });
    await d.ended;
    const chunks = got.flatMap((m) => ('chunk' in m ? [new Uint8Array(m.chunk)] : []));
    const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      whole.set(c, o);
      o += c.length;
    }
    const want = new Uint8Array(whole.length);
    o = 0;
    for (const p of sizes.map((n, i) => new Uint8Array(n).fill(i % 251))) {
      want.set(p, o);
      o += p.length;
    }
    expect(Buffer.compare(whole, want)).toBe(0);
    expect(chunks.filter((c) => c.length > BATCH_BYTES).map((c) => c.length)).toEqual([BATCH_BYTES + 5]);
    expect(chunks.length).toBeLessThan(sizes.length / 4);
    expect(got.at(-1)).toEqual({ done: true });
    expect(closed).toBe(true);
  });
});
