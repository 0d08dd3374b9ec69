import { describe, expect, it } from 'vitest';
import type { ParcelAttrs } from '../types';
import { type AttrTable, AttrTableBuilder, attrOf, attrsOf } from './attrTable';
import { sameTables } from '../../../test/helpers/attrTableEquality';
import { readAttrs } from './fields';

/** A table of these rows (a hole or undefined: a row with none), as validation fills one. */
function tableOf(rows: readonly (ParcelAttrs | undefined)[]): AttrTable {
  const b = new AttrTableBuilder(rows.length);
  rows.forEach((r, i) => {
    if (r !== undefined) b.put(i, r);
  });
  return b.finish();
}

/** Same keys, same order, same values (Object.is). */
function expectSameAttrs(got: ParcelAttrs, want: ParcelAttrs | undefined): void {
  const w = (want ?? {}) as Record<string, unknown>;
  const g = got as Record<string, unknown>;
  expect(Object.keys(g)).toEqual(Object.keys(w));
  for (const k of Object.keys(w)) expect(Object.is(g[k], w[k]), `${k}: ${String(g[k])} vs ${String(w[k])}`).toBe(true);
}

// (rows come back in readAttrs's key order — ATTR_KEYS, then landClass — which the hand-built objects here follow)
describe('AttrTable', () => {
  it('gives back readAttrs’s objects, keys in their order, from columns that take a few bytes a row', () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      readAttrs({
        ZLDWMC: `红旗${i % 30}村`,
        BSM: `230999${String(i).padStart(9, '0')}`,
        DLBM: ['0101', '0102', '0103', '0201'][i % 4],
        TBMJ: 1000 + i * 0.37,
        GDDJ: (i % 10) + 1,
        ZLDWDM: `23099910120${String(i % 30).padStart(2, '0')}0000000`,
      }),
    );
    const t = tableOf(rows);
    expect(t.length).toBe(3000);
    rows.forEach((r, i) => {
      expectSameAttrs(t.row(i), r);
    });
    expect(t.row(1).landClass).toBe('irrigated');
    expect(t.row(3).landClass).toBeUndefined();
    expect(t.row(7)).not.toBe(t.row(7));
    // 1 B each: dlbm, gddj, zldwdm, zldwmc, landClass codes; 8 B tbmj; the BSM kept by row, no codes; landClass
    // also a kind byte by row (0201 rows have none)
    expect(t.byteLength).toBe(3000 * (1 + 8 + 1 + 1 + 1 + 1 + 1));
  });

  it('tells a missing attribute from a present one wherever it is missing: first rows, middle, last rows, every other row', () => {
    const rows: (ParcelAttrs | undefined)[] = [
      { id: 'a' },
      undefined,
      { id: 'b', gddj: 3 },
      {},
      { kcxs: 0.05, gddj: 0 },
      { id: 'c', dlbm: '0101', landClass: 'paddy' },
      { id: 'd', kcxs: 0.1, gddj: -0 },
      { id: 'e', name: '' },
      { dlbm: '0101' },
    ];
    const t = tableOf(rows);
    rows.forEach((r, i) => {
      expectSameAttrs(t.row(i), r);
    });
    expect(Object.is(t.value(6, 'gddj'), -0)).toBe(true);
    expect(t.value(1, 'gddj')).toBeUndefined();
    expect(t.value(3, 'id')).toBeUndefined();
    expect(t.value(8, 'landClass')).toBeUndefined();
  });

  it('keeps rows past the last one given as empty', () => {
    const rows: (ParcelAttrs | undefined)[] = new Array(5);
    rows[1] = { id: 'x', tbmj: 12.5 };
    const t = tableOf(rows);
    expect(t.length).toBe(5);
    expectSameAttrs(t.row(1), rows[1]);
    for (const i of [0, 2, 3, 4]) expectSameAttrs(t.row(i), {});
  });

  it('reads the same through attrsOf and attrOf for a table row and for a parcel’s own object', () => {
    const own: ParcelAttrs = { id: 'S-1', dlbm: '0103', gddj: 4, landClass: 'dry' };
    const t = tableOf([undefined, own]);
    const fromTable = { index: 1, attrsFrom: t };
    const handBuilt = { index: 0, attrsFrom: own };
    expect(attrsOf(handBuilt)).toBe(own);
    expectSameAttrs(attrsOf(fromTable), own);
    for (const k of ['id', 'dlbm', 'landClass', 'gddj', 'tbmj'] as const) expect(attrOf(fromTable, k)).toBe(attrOf(handBuilt, k));
  });
});

describe('toEqual on attribute tables (test/helpers/attrTableEquality.ts)', () => {
  it('tells tables with a different row apart, and equal ones equal, once per pair', () => {
    const rows: ParcelAttrs[] = Array.from({ length: 50 }, (_, i) => ({ id: `P${i}`, dlbm: '0101', gddj: i % 10, landClass: 'paddy' }));
    const a = tableOf(rows);
    const b = tableOf(rows.map((r) => ({ ...r })));
    const c = tableOf(rows.map((r, i) => (i === 49 ? { ...r, gddj: -0 } : r)));
    const d = tableOf(rows.slice(0, 49));
    expect(sameTables(a, b)).toBe(true);
    expect(sameTables(a, c)).toBe(false);
    expect(sameTables(a, d)).toBe(false);
    expect({ index: 3, attrsFrom: a }).toEqual({ index: 3, attrsFrom: b });
    expect({ index: 3, attrsFrom: a }).not.toEqual({ index: 3, attrsFrom: c });
    expect({ index: 3, attrsFrom: a }).not.toEqual({ index: 3, attrsFrom: rows[3] });
  });
});
