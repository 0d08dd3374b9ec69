import { describe, expect, it } from 'vitest';
import { copyField, copyRow } from './copyText';
import { fromWkb, toHexEwkb } from './wkb';

describe('WKB', () => {
  it('round-trips Polygon and MultiPolygon coordinates bit for bit', () => {
    const poly = { type: 'Polygon' as const, coordinates: [[[125.12345678901234, 46.98765432109876], [125.2, 46.9], [125.3, 47.1], [125.12345678901234, 46.98765432109876]], [[125.21, 46.95], [125.22, 46.96], [125.23, 46.95], [125.21, 46.95]]] };
    const multi = { type: 'MultiPolygon' as const, coordinates: [poly.coordinates, [[[1e-300, -0.1], [2, 3], [0.1 + 0.2, 4], [1e-300, -0.1]]]] };
    for (const g of [poly, multi]) {
      const hex = toHexEwkb(g, 4490);
      const bytes = Buffer.from(hex, 'hex');
      expect(bytes.readUInt32LE(5)).toBe(4490);
      expect(fromWkb(bytes)).toEqual(g);
    }
  });

  it('rejects what is not a polygon', () => {
    const point = Buffer.from('0101000000000000000000f03f0000000000000040', 'hex');
    expect(() => fromWkb(point)).toThrow(/not a Polygon/);
  });
});

describe('COPY text', () => {
  it('escapes backslashes, tabs and newlines; nulls and non-finite numbers become \\N', () => {
    expect(copyField('a\tb\nc\\d\r')).toBe('a\\tb\\nc\\\\d\\r');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(Number.NaN)).toBe('\\N');
    expect(copyField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(copyField({ k: 'x\ty' })).toBe('{"k":"x\\\\ty"}');
    expect(copyRow([1, 'x', undefined, true])).toBe('1\tx\t\\N\tt\n');
  });
});
