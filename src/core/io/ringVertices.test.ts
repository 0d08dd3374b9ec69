import { describe, expect, it } from 'vitest';
import { distinct } from './flatGeojson.testutil';
import { distinctVertices } from './ringVertices';

/** The count as validation's distinctVertices makes it (validate/geometry.ts), on a ring of [x, y] pairs. */
const reference = distinct;

describe('distinctVertices', () => {
  it('counts as validation does: repeats once, a last vertex repeating the first not at all', () => {
    const rings = [
      [[0, 0], [1, 0], [1, 1], [0, 0]],
      [[0, 0], [1, 0], [1, 0], [1, 1], [1, 1], [0, 0]],
      [[0, 0], [1, 0], [1, 1], [0, 0], [0, 0]],
      [[0, 0], [0, 0], [0, 0], [0, 0]],
      [[0, 0], [1, 0], [0, 0], [1, 0], [0, 0]],
      [[-0, 0], [0, 0], [1, 1], [-0, 0]],
    ];
    for (const r of rings) {
      const xs = r.map((q) => q[0]);
      const ys = r.map((q) => q[1]);
      expect(distinctVertices(xs, ys, 0, r.length - 1), JSON.stringify(r)).toBe(reference(r));
      // a ring inside a longer store
      expect(distinctVertices([9, ...xs, 9], [9, ...ys, 9], 1, r.length)).toBe(reference(r));
    }
    expect(distinctVertices([0, 1, 1, 0], [0, 0, 1, 0], 0, 3)).toBe(3);
  });
});
