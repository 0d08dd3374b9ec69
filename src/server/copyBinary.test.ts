import { describe, expect, it } from 'vitest';
import { BinaryCopyWriter, binaryCopy } from './copyBinary';
import { ewkbSize, flatParts, fromWkb, mercatorX, mercatorY, toHexEwkb, writeEwkb } from './wkb';

const bytesOf = (bufs: Buffer[]) => Buffer.concat(bufs);

describe('binary COPY', () => {
  it('writes the header, each field as length + big-endian binary form, NULL as -1 and the trailer', () => {
    const out = bytesOf([...binaryCopy([0], (w) => {
      w.row(7);
      w.text('地类');
      w.int2(7);
      w.int4(-2);
      w.float8(0.1 + 0.2);
      w.bool(true);
      w.float8(Number.NaN);
      w.text(undefined);
    })]);
    expect(out.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    expect(out.readInt32BE(11)).toBe(0);
    expect(out.readInt32BE(15)).toBe(0);
    let o = 19;
    expect(out.readInt16BE(o)).toBe(7);
    o += 2;
    expect(out.readInt32BE(o)).toBe(6);
    expect(out.subarray(o + 4, o + 10).toString('utf8')).toBe('地类');
    o += 10;
    expect([out.readInt32BE(o), out.readInt16BE(o + 4)]).toEqual([2, 7]);
    o += 6;
    expect([out.readInt32BE(o), out.readInt32BE(o + 4)]).toEqual([4, -2]);
    o += 8;
    expect([out.readInt32BE(o), out.readDoubleBE(o + 4)]).toEqual([8, 0.1 + 0.2]);
    o += 12;
    expect([out.readInt32BE(o), out[o + 4]]).toEqual([1, 1]);
    o += 5;
    expect([out.readInt32BE(o), out.readInt32BE(o + 4)]).toEqual([-1, -1]);
    o += 8;
    expect(out.readInt16BE(o)).toBe(-1);
    expect(out.length).toBe(o + 2);
  });

  it('hands out ~1 MB buffers as they fill, a row split across two of them intact', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `row ${i} ${'x'.repeat(i % 50)}`);
    const bufs = [...binaryCopy(rows, (w, r) => {
      w.row(1);
      w.text(r);
    })];
    expect(bufs.length).toBeGreaterThan(1);
    const all = bytesOf(bufs);
    const back: string[] = [];
    for (let o = 19; all.readInt16BE(o) !== -1; ) {
      const n = all.readInt32BE(o + 2);
      back.push(all.subarray(o + 6, o + 6 + n).toString('utf8'));
      o += 6 + n;
    }
    expect(back).toEqual(rows);
  });

  it('a field written in place lands whole even where it starts a new buffer', () => {
    const bufs = [...binaryCopy(Array.from({ length: 20_000 }, (_, i) => i), (w, i) => {
      w.row(1);
      const at = w.field(100);
      w.target.setFloat64(at, i);
      w.target.setFloat64(at + 92, -i);
    })];
    expect(bufs.length).toBeGreaterThan(1);
    const all = bytesOf(bufs);
    for (let i = 0, o = 19; i < 20_000; i++, o += 106) {
      expect(all.readInt32BE(o + 2)).toBe(100);
      expect([all.readDoubleBE(o + 6), all.readDoubleBE(o + 98)]).toEqual([i, -i]);
    }
  });

  it('fixed-size fields land whole across buffer boundaries', () => {
    const n = 60_000;
    const bufs = [...binaryCopy(Array.from({ length: n }, (_, i) => i), (w, i) => {
      w.row(4);
      w.int2(i % 30_000);
      w.int4(1000 - i);
      w.float8(i / 7);
      w.bool(i % 2 === 0);
    })];
    expect(bufs.length).toBeGreaterThan(1);
    const all = bytesOf(bufs);
    for (let i = 0, o = 19; i < n; i++, o += 2 + 6 + 8 + 12 + 5)
      expect([all.readInt16BE(o + 6), all.readInt32BE(o + 12), all.readDoubleBE(o + 20), all[o + 32]]).toEqual([i % 30_000, 1000 - i, i / 7, i % 2 === 0 ? 1 : 0]);
  });

  it('a field larger than a buffer gets one of its own', () => {
    const w = new BinaryCopyWriter();
    const big = 'y'.repeat(3 << 20);
    w.text(big);
    const all = bytesOf(w.take(true));
    expect(all.readInt32BE(0)).toBe(big.length);
  });
});

describe('EWKB for binary COPY', () => {
  const poly = { type: 'Polygon' as const, coordinates: [[[125.12345678901234, 46.98765432109876], [125.2, 46.9], [125.3, 47.1], [125.12345678901234, 46.98765432109876]]] };
  const multi = { type: 'MultiPolygon' as const, coordinates: [poly.coordinates, [[[126, 45], [126.1, 45], [126, 45.1], [126, 45]]]] };
  const written = (g: typeof poly | typeof multi, srid: number, mercator = false) => {
    const f = flatParts(g);
    const buf = Buffer.alloc(ewkbSize(f));
    writeEwkb(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), 0, f, srid, mercator);
    return buf;
  };

  it('writes EWKB: byte order, type with the SRID flag, SRID, parts, rings, doubles bit for bit', () => {
    const tri = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] };
    const d = (x: number) => Buffer.from(new Float64Array([x]).buffer).toString('hex');
    expect(toHexEwkb(tri, 4490)).toBe(`0103000020${'8a110000'}0100000004000000${[0, 0, 1, 0, 0, 1, 0, 0].map(d).join('')}`);
    for (const g of [poly, multi]) expect(fromWkb(written(g, 4490))).toEqual(g);
  });

  it('projects to Web Mercator (EPSG:3857) in place: x = a·λ, y = a·asinh(tan φ)', () => {
    const buf = written(multi, 3857, true);
    expect(buf.readUInt32LE(5)).toBe(3857);
    const back = fromWkb(buf);
    expect(back.type).toBe('MultiPolygon');
    const ring = (back.coordinates as number[][][][])[1][0];
    expect(ring[0]).toEqual([mercatorX(126), mercatorY(45)]);
    // the well-known figures of EPSG:3857 (metres)
    expect(mercatorX(180)).toBeCloseTo(20037508.342789244, 6);
    expect(mercatorY(45)).toBeCloseTo(5621521.486192066, 6);
  });
});
