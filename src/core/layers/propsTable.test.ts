import { describe, expect, it } from 'vitest';
import { PropsTable, parcelProps } from './propsTable';

/** Same names, same order, same values (Object.is: −0, NaN). */
function expectSameRow(got: Record<string, unknown>, want: unknown): void {
  const w = want !== null && typeof want === 'object' && !Array.isArray(want) ? (want as Record<string, unknown>) : {};
  expect(Object.keys(got)).toEqual(Object.keys(w));
  for (const k of Object.keys(w)) expect(Object.is(got[k], w[k]) || (typeof w[k] === 'object' && got[k] === w[k]), `field ${k}: ${String(got[k])} vs ${String(w[k])}`).toBe(true);
}

/** Every field name of the table's rows, in the order first met. */
function namesOf(t: PropsTable): string[] {
  const all = new Set<string>();
  for (let i = 0; i < t.length; i++) for (const k of t.rowNames(i)) all.add(k);
  return [...all];
}

describe('PropsTable', () => {
  it('gives back each row with the same names, order and values, as a new object each time', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      BSM: `230999${String(i).padStart(9, '0')}`,
      DLBM: i % 3 === 0 ? '0101' : '0103',
      GDDJ: (i % 10) + 1,
      ZLDWDM: `23099910120${String(i % 40).padStart(2, '0')}0000000`,
      TBMJ: 1000 + i * 0.37,
    }));
    const t = PropsTable.from(rows);
    expect(t.length).toBe(2000);
    rows.forEach((r, i) => {
      expectSameRow(t.row(i), r);
    });
    expect(t.row(5)).not.toBe(t.row(5));
    // columns, not objects: 2,000 rows × (1 B DLBM code, 1 B GDDJ 1…10, 1 B village code, 8 B area); BSM does not
    // repeat, so its strings are kept by row with no codes
    expect(t.byteLength).toBe(2000 * (1 + 1 + 1 + 8));
    expect(namesOf(t)).toEqual(['BSM', 'DLBM', 'GDDJ', 'ZLDWDM', 'TBMJ']);
  });

  it('keeps values of every kind: −0, NaN, big and fractional numbers, null, booleans, objects, empty strings, undefined', () => {
    const nested = { a: [1, 2] };
    const rows: unknown[] = [
      { n: -0, f: 0.1, big: 2 ** 40, s: '', b: true, nil: null, o: nested, u: undefined },
      { n: NaN, f: -1, big: -(2 ** 31), s: '耕地', b: false, nil: 'x', o: [3], u: 1 },
      { n: 7, f: 1e300, big: 2 ** 31 - 1, s: 'a\u0000b', b: 0, nil: null, o: 'str', u: 'two' },
    ];
    const t = PropsTable.from(rows);
    rows.forEach((r, i) => {
      expectSameRow(t.row(i), r);
    });
    expect(t.row(0).o).toBe(nested);
  });

  it('keeps each row’s own names and order when rows differ (heterogeneous GeoJSON), and rows with no object', () => {
    const rows: unknown[] = [{ A: 1, B: 'x' }, { B: 'y', A: 2 }, null, { C: 3 }, [1, 2], 'text', undefined, {}, { A: 1, B: 'x', C: null }, { 2: 'two', 1: 'one', z: 0 }];
    const t = PropsTable.from(rows);
    rows.forEach((r, i) => {
      expectSameRow(t.row(i), r);
    });
    expect(t.rowNames(1)).toEqual(['B', 'A']);
    expect(t.row(3).A).toBeUndefined();
    expect(t.row(3).C).toBe(3);
    expect(t.row(8).C).toBeNull();
    expect(namesOf(t)).toEqual(['A', 'B', 'C', '1', '2', 'z']);
  });

  it('holds null, booleans and undefined as kinds alone: a Shapefile’s empty fields cost no storage', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ BSM: `b${i}`, EMPTY: null, FLAG: i % 2 === 0, MAYBE: i % 3 === 0 ? null : i % 3 === 1 ? undefined : 'x' }));
    const t = PropsTable.from(rows);
    rows.forEach((r, i) => {
      expectSameRow(t.row(i), r);
    });
    // FLAG: a kind byte per row; MAYBE: a kind byte and a one-byte code per row; EMPTY: nothing
    expect(t.byteLength).toBe(1000 * (1 + 2));
  });

  it('tells apart field lists that would join to the same text (names holding any character)', () => {
    const rows = [{ 'a\u0000b': 1 }, { a: 2, b: 3 }, JSON.parse('{"a\\u0000b": 4}') as Record<string, unknown>, { 'a,b': 5 }, { a: 6, b: 7 }];
    const t = PropsTable.from(rows);
    rows.forEach((r, i) => {
      expectSameRow(t.row(i), r);
    });
  });

  it('keeps a rare field by row, not in a full-length column, and a file of one shape per row as its objects', () => {
    // 20,000 rows of three common fields; every 100th row also has one of five rare fields
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const r: Record<string, unknown> = { BSM: `b${i}`, DLBM: '0103', TBMJ: i + 0.5 };
      if (i % 100 === 0) r[`RARE${(i / 100) % 5}`] = i;
      return r;
    });
    const t = PropsTable.from(rows);
    rows.forEach((r, i) => {
      expectSameRow(t.row(i), r);
    });
    expect(t.row(300).RARE3).toBe(300);
    expect(t.row(301).RARE3).toBeUndefined();
    // DLBM one-byte codes, TBMJ eight bytes, the row's shape one byte; nothing for the rare fields
    expect(t.byteLength).toBe(20_000 * (1 + 8 + 1));
    // a field of its own on every row (10,000 names): the rows stay objects, and read back the same
    const own = Array.from({ length: 10_000 }, (_, i) => ({ [`F${i}`]: i, BSM: `b${i}` }));
    const o = PropsTable.from(own);
    own.forEach((r, i) => {
      expectSameRow(o.row(i), r);
    });
    expect(o.byteLength).toBe(0);
    expect(o.row(7).F7).toBe(7);
    expect(o.row(7).F8).toBeUndefined();
    expect(o.rowNames(7)).toEqual(['F7', 'BSM']);
    expect(namesOf(o).length).toBe(10_001);
  });

  it('keeps an own "__proto__" field as a field, not as the prototype (hostile input)', () => {
    const rows = [JSON.parse('{"__proto__": {"polluted": 1}, "BSM": "1"}') as Record<string, unknown>];
    const r = PropsTable.from(rows).row(0);
    expect(Object.keys(r)).toEqual(['__proto__', 'BSM']);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect((r as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('codes grow with the number of distinct strings; a field whose strings do not repeat keeps them by row', () => {
    // pair: each value twice (70,000 values: one-, two- then four-byte codes); id: a new value every row
    const n = 140_000;
    const rows = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, pair: `v${i >> 1}`, grade: (i % 10) + 1, big: i * 100 }));
    const t = PropsTable.from(rows);
    for (const i of [0, 1, 511, 512, 513, 1023, 65_535, 65_536, 131_071, 131_072, 131_073, 139_999]) expectSameRow(t.row(i), rows[i]);
    // id: by row, no codes; pair: four-byte codes; grade 1…10: one byte; big up to 13,999,900: four bytes
    expect(t.byteLength).toBe(n * (4 + 1 + 4));
  });

  it('a row out of range, and a layer without a table, give an empty object', () => {
    const t = PropsTable.from([{ A: 1 }]);
    expect(t.row(1)).toEqual({});
    expect(t.row(-1)).toEqual({});
    expect(t.row(1).A).toBeUndefined();
    expect(parcelProps({}, { index: 0 })).toEqual({});
    expect(parcelProps({ props: t }, { index: 0 })).toEqual({ A: 1 });
    expect(PropsTable.from([]).row(0)).toEqual({});
  });

  it('fromShapes (names and values, no objects) gives the rows from gives for the same objects', () => {
    const a = ['BSM', 'TBMJ', '__proto__'];
    const b = ['DLMC', 'n'];
    const rows: (readonly string[] | null)[] = [a, a, null, b, a, b, null, a];
    const objs = rows.map((_, i) => ({ own: i }));
    const value = (i: number, j: number): unknown => [`b${i}`, i % 3 === 0 ? -0 : i / 7, objs[i], null, true][(j + (rows[i] === b ? 3 : 0)) % 5];
    const rowAt = (i: number): Record<string, unknown> | null => {
      const names = rows[i];
      if (names === null) return null;
      const o: Record<string, unknown> = {};
      names.forEach((k, j) => {
        Object.defineProperty(o, k, { value: value(i, j), writable: true, enumerable: true, configurable: true });
      });
      return o;
    };
    const direct = PropsTable.fromShapes(rows.length, (i) => rows[i], value, rowAt);
    const objects = PropsTable.from(rows.map((_, i) => rowAt(i)));
    for (let i = 0; i < rows.length; i++) {
      expectSameRow(direct.row(i), objects.row(i));
      expectSameRow(direct.row(i), rowAt(i));
    }
    expect(Object.getPrototypeOf(direct.row(0))).toBe(Object.prototype);
    expect(direct.byteLength).toBe(objects.byteLength);
  });

  it('ofColumns (columns that hold the values by row, nothing copied) gives the rows from gives, __proto__ a field', () => {
    const a = ['BSM', 'TBMJ', '__proto__'];
    const b = ['DLMC', 'n'];
    const rows: (readonly string[] | null)[] = [a, a, null, b, a, b, null, a];
    const own = rows.map((_, i) => ({ own: i }));
    const value = (i: number, k: string): unknown => (k === 'BSM' ? `b${i}` : k === 'TBMJ' ? (i % 3 === 0 ? -0 : i / 7) : k === '__proto__' ? own[i] : k === 'DLMC' ? null : true);
    const rowAt = (i: number): Record<string, unknown> | null => {
      const names = rows[i];
      if (names === null) return null;
      const o: Record<string, unknown> = {};
      for (const k of names) Object.defineProperty(o, k, { value: value(i, k), writable: true, enumerable: true, configurable: true });
      return o;
    };
    const shapes = [a, b, []];
    const shapeOf = Uint8Array.from(rows, (r) => (r === a ? 0 : r === b ? 1 : 2));
    const columns = new Map([...a, ...b].map((k) => [k, { get: (i: number) => value(i, k), byteLength: 8 }]));
    const direct = PropsTable.ofColumns(rows.length, { shapes, shapeOf, columns });
    const objects = PropsTable.from(rows.map((_, i) => rowAt(i)));
    for (let i = 0; i < rows.length; i++) {
      expectSameRow(direct.row(i), objects.row(i));
      expectSameRow(direct.row(i), rowAt(i));
      expect(direct.rowNames(i)).toEqual(objects.rowNames(i));
    }
    expect(Object.getPrototypeOf(direct.row(0))).toBe(Object.prototype);
    expect(direct.row(99)).toEqual({});
    // one shape: no shape per row needed
    const one = PropsTable.ofColumns(2, { shapes: [['x']], shapeOf: new Uint8Array(2), columns: new Map([['x', { get: (i: number) => i * 2, byteLength: 0 }]]) });
    expect([one.row(0), one.row(1)]).toEqual([{ x: 0 }, { x: 2 }]);
    expect(() => PropsTable.ofColumns(3, { shapes: [['x']], shapeOf: new Uint8Array(2), columns: new Map() })).toThrow(/2 shapes for 3 rows/);
  });
});
