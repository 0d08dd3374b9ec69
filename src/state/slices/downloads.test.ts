import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../worker/streamedBytes';
import { receiveStream } from '../../worker/streamedBytes';
import { BATCH_BYTES, BufferPool, Download, downloadInOrder } from './downloads';

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

describe('Download from a byte stream', () => {
  it('reads into the pool’s buffers, sends each full one (and the last as far as it is filled) marked for return, and reads on into the buffers given back', async () => {
    const size = 5 * BATCH_BYTES + 12_345;
    const file = new Uint8Array(size).map((_, i) => (i * 7) & 255);
    let p = 0;
    // BYOB-like: copies at most 100,000 bytes into the target; the memory "comes back" in a new ArrayBuffer, as a real
    // BYOB read transfers it
    const into = async (target: Uint8Array<ArrayBuffer>) => {
      const n = Math.min(100_000, target.length, size - p);
      target.set(file.subarray(p, p + n));
      p += n;
      const moved = structuredClone(target.buffer, { transfer: [target.buffer] });
      return { bytes: new Uint8Array(moved, target.byteOffset, n), done: n === 0 };
    };
    const pool = new BufferPool();
    const given: ArrayBuffer[] = [];
    const d = new Download('/a', async () => ({ size, next: async () => undefined, into }), Promise.resolve(), pool);
    const got: StreamMessage[] = [];
    const port = {
      onmessage: null as ((ev: MessageEvent<{ recycle: ArrayBuffer }>) => void) | null,
      postMessage: (m: StreamMessage, transfer?: Transferable[]) => {
        got.push(m);
        if ('chunk' in m) {
          expect(transfer).toEqual([m.chunk]);
          expect(m.recycle).toBe(true);
          expect(m.chunk.byteLength).toBe(BATCH_BYTES);
          // the worker: copy, then give the buffer back
          const copy = new Uint8Array(m.chunk, 0, m.length).slice();
          given.push(m.chunk);
          (got as unknown as Uint8Array[]).push(copy);
          queueMicrotask(() => port.onmessage?.({ data: { recycle: m.chunk } } as MessageEvent<{ recycle: ArrayBuffer }>));
        }
      },
      close: () => undefined,
    };
    d.pipeTo(port);
    await d.ended;
    const copies = (got as unknown[]).filter((x): x is Uint8Array => x instanceof Uint8Array);
    expect(Buffer.compare(Buffer.concat(copies), Buffer.from(file))).toBe(0);
    const chunks = got.filter((m): m is Extract<StreamMessage, { chunk: ArrayBuffer }> => typeof m === 'object' && 'chunk' in m);
    expect(chunks.map((m) => m.length)).toEqual([BATCH_BYTES, BATCH_BYTES, BATCH_BYTES, BATCH_BYTES, BATCH_BYTES, 12_345]);
    // the buffers given back were read into again: two made for six sent
    expect(given.length).toBe(6);
    expect(pool.made).toBe(2);
    expect(got.at(-1)).toEqual({ done: true });
  });
});

describe('Download and the worker over a real MessageChannel', () => {
  it('keeps the port open until every buffer is back, so the next file reads into them; then closes it', async () => {
    /** A byte-stream body (into), BYOB-like: the target's memory comes back in a new ArrayBuffer. */
    const body = (file: Uint8Array) => {
      let p = 0;
      const into = async (target: Uint8Array<ArrayBuffer>) => {
        const n = Math.min(300_000, target.length, file.length - p);
        target.set(file.subarray(p, p + n));
        p += n;
        const moved = structuredClone(target.buffer, { transfer: [target.buffer] });
        return { bytes: new Uint8Array(moved, target.byteOffset, n), done: n === 0 };
      };
      return async () => ({ size: file.length, next: async () => undefined, into });
    };
    const files = [4, 3].map((k, f) => new Uint8Array(k * BATCH_BYTES - 1000).map((_, i) => (i + f * 13) & 255));
    const pool = new BufferPool();
    const d0 = new Download('/a', body(files[0]), Promise.resolve(), pool);
    const ch0 = new MessageChannel();
    let closed0 = false;
    const close0 = ch0.port1.close.bind(ch0.port1);
    ch0.port1.close = () => {
      closed0 = true;
      close0();
    };
    d0.pipeTo(ch0.port1);
    const got0 = await receiveStream(ch0.port2, 'a.geojson', { size: files[0].length });
    await d0.ended;
    // (the worker's last replies are messages still on their way)
    await new Promise((r) => setTimeout(r, 20));
    // the second file downloads only now, into the buffers the worker sent back
    const d1 = new Download('/b', body(files[1]), Promise.resolve(), pool);
    await d1.ended;
    const ch1 = new MessageChannel();
    d1.pipeTo(ch1.port1);
    const got1 = await receiveStream(ch1.port2, 'b.geojson', { size: files[1].length });
    expect(Buffer.compare(Buffer.from(got0.bytes), Buffer.from(files[0]))).toBe(0);
    expect(Buffer.compare(Buffer.from(got1.bytes), Buffer.from(files[1]))).toBe(0);
    // 4 buffers for the first file (sent before the worker read any), none more for the second
    expect(pool.made).toBe(4);
    expect(closed0).toBe(true);
  });
});
