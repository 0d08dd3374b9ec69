/**
 * Vitest setup (vitest.config.ts, vitest.e2e.config.ts): how `toEqual` compares two layers' attribute tables
 * (src/core/layers/attrTable.ts). Every parcel of a loaded layer points to its layer's table, so comparing two
 * layers parcel by parcel compared the whole table once per parcel: quadratic (the 1,303-parcel demo change file took 55 s).
 * Tables never change once built, so two tables are compared once, row by row — same length, every row the same keys
 * in the same order with the same values (Object.is) — and the verdict kept for that pair.
 */
import { expect } from 'vitest';
import { AttrTable } from '../../src/core/layers/attrTable';

const verdicts = new WeakMap<AttrTable, WeakMap<AttrTable, boolean>>();

/** Whether two tables hold the same rows (exported for its test). */
export function sameTables(a: AttrTable, b: AttrTable): boolean {
  if (a === b) return true;
  let seen = verdicts.get(a);
  const known = seen?.get(b);
  if (known !== undefined) return known;
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) {
    const ra = a.row(i) as Record<string, unknown>;
    const rb = b.row(i) as Record<string, unknown>;
    const ka = Object.keys(ra);
    const kb = Object.keys(rb);
    same = ka.length === kb.length && ka.every((k, j) => k === kb[j] && Object.is(ra[k], rb[k]));
  }
  if (seen === undefined) {
    seen = new WeakMap();
    verdicts.set(a, seen);
  }
  seen.set(b, same);
  return same;
}

expect.addEqualityTesters([
  function attrTables(a: unknown, b: unknown): boolean | undefined {
    if (a instanceof AttrTable && b instanceof AttrTable) return sameTables(a, b);
    return undefined;
  },
]);
