import { describe, expect, it } from 'vitest';
import { writeShpShx } from '../../../test/helpers/makeShapefile';
import { readShp, shxRecordCount } from './shapefile';

describe('readShp', () => {
  const rec = [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]], [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]];
  it('reads polygon records and Null shapes in order', () => {
    const { shp, shx } = writeShpShx([rec, null, rec]);
    const r = readShp(shp);
    expect(r.error).toBeUndefined();
    expect(r.shapeType).toBe(5);
    expect(r.records).toHaveLength(3);
    expect(r.records[1]).toBeNull();
    expect(r.records[0]).toEqual(rec);
    expect(shxRecordCount(shx)).toBe(3);
  });
  it('empty, short, not a shapefile', () => {
    expect(readShp(new Uint8Array(0)).error).toMatch(/\.shp is empty/);
    expect(readShp(new Uint8Array(50)).error).toMatch(/100-byte header is incomplete/);
    expect(readShp(new Uint8Array(120)).error).toMatch(/not 9994/);
  });
  // The records of [rec, rec, rec]: each is 8 + 44 + 4·2 + 16·9 = 204 bytes; record k's content starts at 108 + 204·(k−1).
  const three = () => writeShpShx([rec, rec, rec]);
  const content = (k: number) => 108 + 204 * (k - 1);
  const damaged = (patch: (dv: DataView) => void) => {
    const { shp, shx } = three();
    patch(new DataView(shp.buffer));
    return readShp(shp, undefined, shx);
  };
  it('a point count past the end of the record: that record has no geometry, the others load', () => {
    const r = damaged((dv) => dv.setInt32(content(2) + 40, 999, true));
    expect(r.error).toBeUndefined();
    expect(r.records).toHaveLength(3);
    expect(r.records[1]).toBeNull();
    expect(r.records[2]).toEqual(rec);
    expect(r.recordErrors).toEqual([
      { index: 1, message: expect.stringMatching(/record 2 is damaged and gets no geometry: 2 parts and 999 points run past the record's 196 bytes/) },
    ]);
  });
  it('part indices out of order, out of range, or not starting at 0', () => {
    const order = damaged((dv) => dv.setInt32(content(2) + 48, -3, true));
    expect(order.recordErrors[0].message).toMatch(/record 2 is damaged and gets no geometry: corrupt part index: part 1 spans points 0…-3 of 9/);
    const range = damaged((dv) => dv.setInt32(content(2) + 48, 50, true));
    expect(range.recordErrors[0].message).toMatch(/corrupt part index: part 1 spans points 0…50 of 9/);
    const start = damaged((dv) => dv.setInt32(content(3) + 44, 5, true));
    expect(start.recordErrors[0].message).toMatch(/record 3 is damaged and gets no geometry: part 1 starts at point 5 instead of 0/);
    expect(start.records.filter(Boolean)).toHaveLength(2);
  });
  it('NaN and infinite coordinates (e.g. 1e400 written as +Inf): that record only', () => {
    const nan = damaged((dv) => dv.setFloat64(content(1) + 52 + 16, Number.NaN, true));
    expect(nan.recordErrors[0].message).toMatch(/record 1 is damaged and gets no geometry: point 2 has a non-finite coordinate \(NaN, 1\)/);
    const inf = damaged((dv) => dv.setFloat64(content(2) + 52 + 8, Number.POSITIVE_INFINITY, true));
    expect(inf.recordErrors[0].message).toMatch(/record 2 .* point 1 has a non-finite coordinate \(0, Infinity\)/);
    expect(inf.records[0]).toEqual(rec);
  });
  it('zero padding after the declared length is ignored (with or without .shx)', () => {
    const { shp, shx } = three();
    const padded = new Uint8Array(shp.length + 4);
    padded.set(shp);
    for (const r of [readShp(padded, undefined, shx), readShp(padded)]) {
      expect(r.error).toBeUndefined();
      expect(r.records).toHaveLength(3);
      expect(r.warnings.filter((w) => /trailing/.test(w))).toEqual([]);
    }
  });
  it('junk between records: read through the .shx', () => {
    const { shp, shx } = three();
    const at = 100 + 204;
    const junk = new Uint8Array(shp.length + 16);
    junk.set(shp.subarray(0, at));
    junk.fill(0xab, at, at + 16);
    junk.set(shp.subarray(at), at + 16);
    new DataView(junk.buffer).setInt32(24, junk.length / 2, false);
    const x = shx.slice();
    const xdv = new DataView(x.buffer);
    for (const k of [1, 2]) xdv.setInt32(100 + 8 * k, xdv.getInt32(100 + 8 * k, false) + 8, false);
    const r = readShp(junk, undefined, x);
    expect(r.error).toBeUndefined();
    expect(r.records).toEqual([rec, rec, rec]);
    expect(r.indexedBy).toBe('shx');
  });
  it('no .shx: the index is rebuilt from the .shp, with a notice', () => {
    const { shp } = three();
    const r = readShp(shp);
    expect(r.indexedBy).toBe('scan');
    expect(r.records).toEqual([rec, rec, rec]);
    expect(r.warnings).toEqual(['缺少 .shx，已从 .shp 顺序重建索引 / no .shx: the record index was rebuilt by reading the .shp sequentially']);
  });
  it('a truncated .shp without .shx: the complete records are kept and the cut is named', () => {
    const { shp } = three();
    const r = readShp(shp.subarray(0, shp.length - 20));
    expect(r.records).toHaveLength(2);
    expect(r.error).toMatch(/\.shp damaged or truncated at offset 508 \(record 3 claims 196 bytes, past the end; header says 712 bytes, file has 692\); 2 records read and there is no \.shx to skip past it/);
  });
});
