import { describe, expect, it } from 'vitest';
import { poolPropertyStrings, StringPool } from './stringPool';

const village = (k: number) => `23099910120${String(k).padStart(2, '0')}0000000`;

describe('StringPool', () => {
  it('keeps one copy of each value of a repeating field, and gives up on a field whose values do not repeat', () => {
    const pool = new StringPool();
    for (let i = 0; i < 100_000; i++) {
      expect(pool.intern('ZLDWDM', village(i % 40))).toBe(village(i % 40));
      expect(pool.intern('BSM', `230999${String(i).padStart(9, '0')}`)).toBe(`230999${String(i).padStart(9, '0')}`);
    }
    // 40 village codes, and the first window of BSM values but its last (the one that turned BSM off)
    expect(pool.size).toBe(40 + 511);
  });

  it('a field that starts on values another field pooled is judged on its later ones (attrs.id after BSM)', () => {
    const pool = new StringPool();
    const bsm = (i: number) => `J${String(i).padStart(15, '0')}`;
    for (let i = 0; i < 512; i++) pool.intern('BSM', bsm(i));
    for (let i = 0; i < 50_000; i++) pool.intern('id', bsm(i));
    expect(pool.size).toBeLessThanOrEqual(3 * 512);
  });

  it('rewrites an object in place with the same keys, order and values; numbers, nulls and objects untouched', () => {
    const pool = new StringPool();
    const nested = { a: 1 };
    const o: Record<string, unknown> = { BSM: '1', ZLDWMC: '东风村村民委员会第一组', n: 3.5, nil: null, obj: nested, empty: '' };
    const before = { ...o };
    pool.internFields(o);
    expect(o).toEqual(before);
    expect(Object.keys(o)).toEqual(Object.keys(before));
    expect(o.obj).toBe(nested);
  });

  it('an own "__proto__" member (as JSON.parse makes one) stays a member; an inherited member is not made own', () => {
    const pool = new StringPool();
    const parsed = JSON.parse('{"__proto__":"x","DLBM":"0103"}') as Record<string, unknown>;
    pool.internFields(parsed);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'DLBM']);
    const child = Object.create({ inherited: 'from the prototype' }) as Record<string, unknown>;
    child.own = 'own value';
    pool.internFields(child);
    expect(Object.keys(child)).toEqual(['own']);
  });

  it('objects that cannot take the write keep their values and do not throw', () => {
    const pool = new StringPool();
    const frozen = Object.freeze({ ZLDWDM: village(1) });
    expect(() => pool.internFields(frozen as Record<string, unknown>)).not.toThrow();
    const readOnly: Record<string, unknown> = { a: village(2) };
    Object.defineProperty(readOnly, 'b', { value: village(3), enumerable: true, writable: false });
    Object.defineProperty(readOnly, 'c', { get: () => village(4), enumerable: true });
    readOnly.d = village(5);
    expect(() => pool.internFields(readOnly)).not.toThrow();
    expect(readOnly).toEqual({ a: village(2), b: village(3), c: village(4), d: village(5) });
  });

  it('poolPropertyStrings: every feature’s properties, skipping what is not an object', () => {
    const features: unknown[] = [
      { type: 'Feature', properties: { ZLDWDM: village(1), DLBM: '0103' }, geometry: null },
      { type: 'Feature', properties: { ZLDWDM: village(1), DLBM: '0101' }, geometry: null },
      { type: 'Feature', properties: null, geometry: null },
      { type: 'Feature', properties: ['not', 'an', 'object'], geometry: null },
      null,
      7,
    ];
    const copy = structuredClone(features);
    expect(poolPropertyStrings(features)).toBe(3);
    expect(features).toEqual(copy);
  });
});
