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
  it('a record whose point count overruns it is reported by number', () => {
    const { shp } = writeShpShx([rec, rec]);
    const bad = shp.slice();
    const second = 100 + 8 + (shp.length - 100) / 2; // records are equal-sized
    new DataView(bad.buffer).setInt32(second + 40, 999, true);
    expect(readShp(bad).error).toMatch(/record 2 corrupt/);
    expect(readShp(bad).records).toHaveLength(1);
  });
});
