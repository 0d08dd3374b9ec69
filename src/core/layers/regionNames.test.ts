import { describe, expect, it } from 'vitest';
import { regionNamesOf } from './regionNames';

describe('regionNamesOf', () => {
  it('reads 三调 XZQDM/XZQMC and generic code/name, numbers as codes too', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { properties: { XZQDM: '230123101', XZQMC: '样板乡' } },
        { properties: { code: 230123102, name: '示范镇' } },
        { properties: { xzqdm: '230123103', NAME: '三号乡' } },
      ],
    };
    expect(regionNamesOf(fc)).toEqual({ '230123101': '样板乡', '230123102': '示范镇', '230123103': '三号乡' });
  });

  it('skips features without a usable code or name, and anything that is not a collection', () => {
    expect(regionNamesOf({ features: [{ properties: { XZQDM: '1' } }, { properties: { XZQMC: '无码' } }, { properties: null }, null] })).toEqual({});
    expect(regionNamesOf(null)).toEqual({});
    expect(regionNamesOf({ features: 'x' })).toEqual({});
    expect(regionNamesOf('text')).toEqual({});
  });
});
