import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFlatScan } from '../core/io/flatGeojson';
import { importLayer } from '../core/engine/importLayer';
import { createHandler } from './handler';
import type { Progress } from './protocol';
import { receiveStream, type StreamMessage } from './streamedBytes';
import { attrsOf } from '../core/layers/attrTable';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'e2e');
const fileBytes = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));
const ctx = () => {
  const progress: Progress[] = [];
  return { progress: (p: Progress) => progress.push(p), transfer: () => undefined, seen: progress };
};

/** A real MessageChannel: `bytes` sent in pieces of `piece` bytes (each its own transferred buffer), then done (or an error). */
function streamOf(bytes: Uint8Array, piece: number, end: StreamMessage = { done: true }): MessagePort {
  const ch = new MessageChannel();
  for (let o = 0; o < bytes.length; o += piece) {
    const chunk = bytes.slice(o, o + piece).buffer;
    ch.port1.postMessage({ chunk } satisfies StreamMessage, [chunk]);
  }
  ch.port1.postMessage(end);
  ch.port1.close();
  return ch.port2;
}

describe('receiveStream', () => {
  it('gathers the pieces in order, with or without the size, telling each longer prefix', async () => {
    const bytes = fileBytes('cultivated.geojson');
    for (const size of [bytes.length, undefined, 100]) {
      const prefixes: number[] = [];
      const r = await receiveStream(streamOf(bytes, 7919, { done: true }), 'gd.geojson', { size, onBytes: (b) => prefixes.push(b.length) });
      expect(r.bytes).toEqual(bytes);
      expect(r.whole.length).toBeGreaterThanOrEqual(bytes.length);
      if (size === bytes.length) expect(r.whole.length).toBe(bytes.length);
      expect(prefixes.length).toBe(Math.ceil(bytes.length / 7919));
      expect(prefixes.every((n, i) => i === 0 || n > prefixes[i - 1])).toBe(true);
    }
  });

  it('a chunk marked for return is copied as far as its length says, then sent back to the page (transferred); others are freed', async () => {
    const bytes = fileBytes('cultivated.geojson');
    const ch = new MessageChannel();
    const back: ArrayBuffer[] = [];
    ch.port1.onmessage = (ev: MessageEvent<{ recycle: ArrayBuffer }>) => back.push(ev.data.recycle);
    const sent: ArrayBuffer[] = [];
    const BUF = 4096;
    for (let o = 0; o < bytes.length; o += 3000) {
      // 3,000 bytes in a 4,096-byte buffer, the rest of it garbage
      const buf = new Uint8Array(BUF).fill(0x7b);
      buf.set(bytes.subarray(o, o + 3000));
      sent.push(buf.buffer);
      ch.port1.postMessage({ chunk: buf.buffer, length: Math.min(3000, bytes.length - o), recycle: true } satisfies StreamMessage, [buf.buffer]);
    }
    const plain = new Uint8Array(10).fill(1);
    ch.port1.postMessage({ chunk: plain.buffer } satisfies StreamMessage, [plain.buffer]);
    ch.port1.postMessage({ done: true } satisfies StreamMessage);
    const freed: number[] = [];
    const r = await receiveStream(ch.port2, 'gd.geojson', { size: bytes.length + 10, free: (p) => freed.push(p.length) });
    expect(Buffer.compare(Buffer.from(r.bytes.subarray(0, bytes.length)), Buffer.from(bytes))).toBe(0);
    expect(r.bytes.length).toBe(bytes.length + 10);
    await new Promise((res) => setTimeout(res, 20));
    expect(back.length).toBe(sent.length);
    expect(back.every((b) => b.byteLength === BUF)).toBe(true);
    expect(freed).toEqual([10]);
    ch.port1.close();
  });

  it('rejects with the page’s message, and refuses a file over the limit naming it', async () => {
    await expect(receiveStream(streamOf(new Uint8Array(10), 4, { error: 'HTTP 503' }), 'a.geojson')).rejects.toThrow('HTTP 503');
    await expect(receiveStream(streamOf(new Uint8Array(100), 30), 'big.geojson', { maxBytes: 64 })).rejects.toThrow(/big\.geojson.*超过上限/);
  });

  it('memory that cannot be had ends the load with an error (no hang), its port closed', async () => {
    let closed = false;
    const port = {
      onmessage: null,
      close: () => {
        closed = true;
      },
    } as unknown as MessagePort;
    await expect(receiveStream(port, 'a.geojson', { size: 2 ** 50, maxBytes: 2 ** 52 })).rejects.toThrow(RangeError);
    expect(closed).toBe(true);
    // a buffer that cannot grow fails the same way, after pieces came
    const grow = streamOf(new Uint8Array(64), 16);
    await expect(receiveStream(grow, 'a.geojson', { size: 8, onBytes: (b) => { if (b.length > 8) throw new RangeError('Array buffer allocation failed'); } })).rejects.toThrow(RangeError);
  });
});

describe('a layer streamed to the worker', () => {
  it('loads the same layer as its bytes, the flat scan fed while it arrived', async () => {
    for (const file of ['cultivated.geojson', 'permanent-basic.geojson']) {
      const bytes = fileBytes(file);
      const h = createHandler();
      const whole = await h.handle('load', { layerId: 'a', kind: 'auto', file, source: { bytes: bytes.slice().buffer }, blockOnError: false }, ctx());
      const c = ctx();
      const streamed = await h.handle('load', { layerId: 'b', kind: 'auto', file, source: { stream: streamOf(bytes, 4096), size: bytes.length }, blockOnError: false }, c);
      expect(streamed.blocked).toBe(false);
      expect({ ...streamed.layer, id: 'a' }).toEqual(whole.layer);
      expect(streamed.findings).toEqual(whole.findings);
      const [a, b] = h.layers();
      expect(b.parcels.map((p) => [p.areaM2, attrsOf(p)])).toEqual(a.parcels.map((p) => [p.areaM2, attrsOf(p)]));
      expect(c.seen.some((p) => p.phase === 'fetch' && p.total === bytes.length && p.done === bytes.length)).toBe(true);
    }
  });

  it('a zipped Shapefile streamed loads as from its bytes (the scan gives up at once)', async () => {
    const shp = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'import', 'gk39-utf8.zip')));
    const h = createHandler();
    const whole = await h.handle('load', { layerId: 'a', kind: 'auto', file: 'c.zip', source: { bytes: shp.slice().buffer }, blockOnError: false }, ctx());
    const streamed = await h.handle('load', { layerId: 'b', kind: 'auto', file: 'c.zip', source: { stream: streamOf(shp, 1000) }, blockOnError: false }, ctx());
    expect({ ...streamed.layer, id: 'a' }).toEqual(whole.layer);
  });

  it('a download that breaks off is a finding naming the file; nothing is loaded', async () => {
    const bytes = fileBytes('cultivated.geojson');
    const h = createHandler();
    const r = await h.handle('load', { layerId: 'a', kind: 'auto', file: 'cultivated.geojson', source: { stream: streamOf(bytes.subarray(0, 5000), 1000, { error: 'network error' }) }, blockOnError: false }, ctx());
    expect(r.blocked).toBe(true);
    expect(r.findings[0].message).toMatch(/^cultivated\.geojson: 无法读取（network error） \/ cannot read \(network error\)$/);
    expect(h.layers()).toHaveLength(0);
  });

  it('the import finishes the scan it is given for the same bytes, and scans again for any other', async () => {
    const bytes = fileBytes('cultivated.geojson');
    let finished = 0;
    const scan = startFlatScan({ size: bytes.length });
    scan.feed(bytes.subarray(0, bytes.length >> 1));
    const prescan = {
      bytes,
      finish: (b: Uint8Array) => {
        finished++;
        return scan.finish(b);
      },
    };
    const a = await importLayer('c.geojson', bytes, { kind: 'auto', prescan });
    expect(finished).toBe(1);
    const b = await importLayer('c.geojson', bytes.slice(), { kind: 'auto', prescan });
    expect(finished).toBe(1);
    expect(a.layer?.parcels.map((p) => p.areaM2)).toEqual(b.layer?.parcels.map((p) => p.areaM2));
  });
});
