import { describe, expect, it } from 'vitest';
import { loadOrder } from './impactDb';

describe('loadOrder (the whole parcels of a site in the engine’s layer order)', () => {
  it('sorts by county order, then position, whatever order the cells gave them in', () => {
    const ords = Int32Array.from([2, 1, 2, 1, 1, 3]);
    const pos = Int32Array.from([5, 600_000, 0, 7, 8, 1]);
    const perm = loadOrder(ords, pos);
    expect(Array.from(perm, (i) => [ords[i], pos[i]])).toEqual([[1, 7], [1, 8], [1, 600_000], [2, 0], [2, 5], [3, 1]]);
    expect(loadOrder(new Int32Array(0), new Int32Array(0))).toEqual(new Int32Array(0));
  });

  it('refuses a parcel listed twice (two cells claiming it would count it twice)', () => {
    expect(() => loadOrder(Int32Array.from([1, 1]), Int32Array.from([4, 4]))).toThrow(/twice/);
  });
});
