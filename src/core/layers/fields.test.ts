import { describe, expect, it } from 'vitest';
import { landClassOf } from './codes';
import { locationCodeOf, readAttrs, regionCodeOf, resolveFields, standardFieldName } from './fields';
import { AttrTableBuilder, locationCode } from './attrTable';

describe('readAttrs', () => {
  it('reads standard 三调 names, case-insensitively, with numbers given as strings', () => {
    const a = readAttrs({ bsm: '2301230001', DLBM: '0101', Tbmj: '1234.5', KCXS: 0.08, GDPDJB: '2', GDDJ: 4, GDDB: '7', ZLDWDM: '2301231010010000000', ZZSXDM: 'WG' });
    expect(a).toEqual({
      id: '2301230001', dlbm: '0101', landClass: 'paddy', tbmj: 1234.5, kcxs: 0.08, gdpdjb: 2, gddj: 4, gddb: 7,
      zldwdm: '2301231010010000000', zzsxdm: 'WG',
    });
  });

  it('reads documented English aliases', () => {
    const a = readAttrs({ parcel_id: 'p1', land_use_code: '0103', parcel_area: 100, slope_class: 5, quality_grade: 9 });
    expect(a).toMatchObject({ id: 'p1', dlbm: '0103', landClass: 'dry', tbmj: 100, gdpdjb: 5, gddj: 9 });
  });

  it('prefers the standard name over an alias, and the first standard name (BSM before TBBH)', () => {
    expect(readAttrs({ TBBH: 't', BSM: 'b', parcel_id: 'x' }).id).toBe('b');
  });

  it('honours a user field mapping', () => {
    const a = readAttrs({ 面积: 42, 地类: '0102' }, { tbmj: '面积', dlbm: '地类' });
    expect(a).toMatchObject({ tbmj: 42, dlbm: '0102', landClass: 'irrigated' });
  });

  it('drops unparsable, empty and non-finite values instead of inventing them', () => {
    const a = readAttrs({ TBMJ: 'abc', GDDJ: '', GDPDJB: Number.NaN, GDDB: Infinity, DLBM: '   ' });
    expect(a).toEqual({});
  });

  it('never throws on hostile properties', () => {
    for (const p of [null, undefined, 42, 'x', [], [1, 2], { __proto__: { DLBM: '0101' } }, JSON.parse('{"__proto__":{"x":1},"DLBM":"0101"}')]) {
      expect(() => readAttrs(p)).not.toThrow();
    }
    expect(readAttrs(JSON.parse('{"__proto__":{"x":1},"DLBM":"0101"}')).dlbm).toBe('0101');
  });

  it('resolveFields reports which property supplies each attribute', () => {
    expect(resolveFields({ tbmj: 1, Gddj: 2 })).toEqual({ tbmj: 'tbmj', gddj: 'Gddj' });
  });
});

describe('codes and regions', () => {
  it('maps 三调 and 二调 耕地 codes to 地类 and rejects others', () => {
    expect(['0101', '0102', '0103', '011', '012', '013'].map(landClassOf)).toEqual(['paddy', 'irrigated', 'dry', 'paddy', 'irrigated', 'dry']);
    expect(landClassOf('0201')).toBeUndefined();
    expect(landClassOf('01')).toBeUndefined();
    expect(landClassOf(undefined)).toBeUndefined();
    expect(['constructor', 'toString', '__proto__', 'hasOwnProperty'].map(landClassOf)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('cuts county / township / village codes from ZLDWDM, falling back to XZQDM', () => {
    const attrs = { zldwdm: '2301231010010000000' };
    expect(regionCodeOf(attrs, 'county')).toBe('230123');
    expect(regionCodeOf(attrs, 'township')).toBe('230123101');
    expect(regionCodeOf(attrs, 'village')).toBe('230123101001');
    expect(regionCodeOf({ xzqdm: '230123' }, 'county')).toBe('230123');
    expect(regionCodeOf({ xzqdm: '230123' }, 'township')).toBeUndefined();
  });

  it('the 坐落单位代码 is ZLDWDM, else XZQDM — on an attribute row, on the fields supplying them, and on a table parcel', () => {
    expect(locationCodeOf({ zldwdm: '2301231010010000000', xzqdm: '230123' })).toBe('2301231010010000000');
    expect(locationCodeOf({ xzqdm: '230123' })).toBe('230123');
    expect(locationCodeOf({})).toBeUndefined();
    // the fields (layerInfo): which source field supplies it
    expect(locationCodeOf(resolveFields({ XZQDM: '230123', DLBM: '0101' }))).toBe('XZQDM');
    const rows = [{ zldwdm: '2301231010010000000', xzqdm: '230123' }, { xzqdm: '230124' }, {}];
    const b = new AttrTableBuilder(rows.length);
    for (const [i, r] of rows.entries()) b.put(i, r);
    const attrsFrom = b.finish();
    expect(rows.map((_, index) => locationCode({ index, attrsFrom }))).toEqual(rows.map((r) => locationCodeOf(r)));
    expect(rows.map((r) => locationCodeOf(r))).toEqual(['2301231010010000000', '230124', undefined]);
  });
});

describe('standardFieldName', () => {
  it('is the first standard name of the attribute', () => {
    expect(standardFieldName('id')).toBe('BSM');
    expect(standardFieldName('gdpdjb')).toBe('GDPDJB');
    expect(standardFieldName('yjjbnttbmj')).toBe('YJJBNTTBMJ');
  });
});
