import { deflateSync, Gunzip, gzipSync, Inflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateBounded } from './inflateBounded';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

describe('inflateBounded', () => {
  const text = new TextEncoder().encode('耕地 cultivated land; '.repeat(50_000));
  it('gives the whole output under the limit, whatever the push size', () => {
    for (const step of [256, 4096, 65536]) {
      const g = inflateBounded((on) => new Gunzip(on), gzipSync(text), 1 << 30, step);
      expect([g.size, g.over, same(g.bytes, text)]).toEqual([text.length, false, true]);
      expect(same(inflateBounded((on) => new Inflate(on), deflateSync(text), 1 << 30, step).bytes, text)).toBe(true);
    }
    expect(inflateBounded((on) => new Inflate(on), deflateSync(new Uint8Array(0)), 10, 256)).toMatchObject({ size: 0, over: false });
  });
  it('stops past the limit with no output kept, and says how much had come out', () => {
    const r = inflateBounded((on) => new Gunzip(on), gzipSync(new Uint8Array(8 << 20), { level: 9 }), 1 << 20, 256);
    expect(r.over).toBe(true);
    expect(r.bytes.length).toBe(0);
    expect(r.size).toBeGreaterThan(1 << 20);
    expect(r.size).toBeLessThan(2 << 20);
  });
  it('throws on damaged data', () => {
    const gz = gzipSync(text);
    expect(() => inflateBounded((on) => new Gunzip(on), gz.subarray(0, gz.length >> 1), 1 << 30, 65536)).toThrow();
  });
});
