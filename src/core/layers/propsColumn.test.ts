import { describe, expect, it } from 'vitest';
import { Column } from './propsColumn';

describe('Column (one field of the properties table)', () => {
  it('widens integers to doubles at the first fraction, and narrows integers to the fewest bytes when sealed', () => {
    const c = new Column(4, false);
    c.put(0, 3);
    c.put(1, -7);
    expect(c.byteLength).toBe(4 * 4);
    c.seal();
    expect(c.byteLength).toBe(4);
    expect([c.get(0), c.get(1)]).toEqual([3, -7]);
    const d = new Column(3, false);
    d.put(0, 40_000);
    d.put(1, 0.5);
    d.put(2, -0);
    d.seal();
    expect(d.byteLength).toBe(3 * 8);
    expect([d.get(0), d.get(1), Object.is(d.get(2), -0)]).toEqual([40_000, 0.5, true]);
  });

  it('keeps a second kind of value with a kind byte per row, and earlier rows keep their kind', () => {
    const c = new Column(5, false);
    c.put(0, 'a');
    c.put(1, 'b');
    c.put(2, 7);
    c.put(3, null);
    c.put(4, { x: 1 });
    c.seal();
    expect([c.get(0), c.get(1), c.get(2), c.get(3), c.get(4)]).toEqual(['a', 'b', 7, null, { x: 1 }]);
  });

  it('a rare field keeps its values by row and no typed array', () => {
    const c = new Column(1_000_000, true);
    c.put(999_999, 1.5);
    c.put(3, 'x');
    c.seal();
    expect(c.byteLength).toBe(0);
    expect([c.get(3), c.get(999_999), c.get(4)]).toEqual(['x', 1.5, undefined]);
  });
});
