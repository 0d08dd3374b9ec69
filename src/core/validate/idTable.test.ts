import { describe, expect, it } from 'vitest';
import { FirstIndexById } from './idTable';

/** What the table replaces. */
function reference(ids: readonly string[]): (number | undefined)[] {
  const m = new Map<string, number>();
  return ids.map((id, i) => {
    const prev = m.get(id);
    if (prev === undefined) m.set(id, i);
    return prev;
  });
}

describe('FirstIndexById', () => {
  it('answers like a Map: the first index of a repeated id, undefined for a new one', () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (const [n, distinct] of [[10, 4], [1000, 700], [20_000, 20_000], [5000, 30]] as const) {
      const ids = Array.from({ length: n }, () => `230182${Math.floor(rnd() * distinct)}`);
      ids.push('', ' ', '\u0000', 'P1', 'p1', 'P1');
      const t = new FirstIndexById(n);
      expect(ids.map((id, i) => t.firstOrAdd(id, i))).toEqual(reference(ids));
    }
  });

  it('keeps answering when it holds more ids than it was sized for, and after handing over to a Map', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id${i % 2000}`);
    const t = new FirstIndexById(10); // far too small: fills up, then falls back to a Map
    expect(ids.map((id, i) => t.firstOrAdd(id, i))).toEqual(reference(ids));
  });

  it('handles long ids and ids that differ only in the middle', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `${'a'.repeat(3000)}${i % 250}${'b'.repeat(3000)}`);
    const t = new FirstIndexById(ids.length);
    expect(ids.map((id, i) => t.firstOrAdd(id, i))).toEqual(reference(ids));
  });
});
