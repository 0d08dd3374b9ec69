import { describe, expect, it } from 'vitest';
import { EPS, edgesCross, onSegment } from './flatEdges';

/** Edges 0 (positions 0 → 1) and 2 (positions 2 → 3) from two segments. */
const pair = (a: [number, number, number, number], c: [number, number, number, number]) => {
  const xs = new Float64Array([a[0], a[2], c[0], c[2]]);
  const ys = new Float64Array([a[1], a[3], c[1], c[3]]);
  return edgesCross(xs, ys, 0, 2);
};

describe('edgesCross', () => {
  it('is true for edges crossing inside both, either way round', () => {
    expect(pair([0, 0, 1, 1], [0, 1, 1, 0])).toBe(true);
    expect(pair([0, 1, 1, 0], [0, 0, 1, 1])).toBe(true);
    expect(pair([1, 1, 0, 0], [1, 0, 0, 1])).toBe(true);
  });
  it('is false for touching, collinear, parallel, near-miss and far-apart edges', () => {
    expect(pair([0, 0, 1, 1], [1, 1, 2, 0])).toBe(false); // shared end
    expect(pair([0, 0, 2, 0], [1, 0, 1, 1])).toBe(false); // T-junction: an end on the other edge
    expect(pair([0, 0, 2, 0], [1, 0, 3, 0])).toBe(false); // collinear overlap
    expect(pair([0, 0, 1, 0], [0, 1, 1, 1])).toBe(false); // parallel
    expect(pair([0, 0, 2, 0], [1, EPS / 2, 1, 1])).toBe(false); // an end within EPS of the other edge
    expect(pair([0, 0, 1, 1], [5, 6, 6, 5])).toBe(false); // boxes apart
    expect(pair([0, 0, 0, 0], [-1, 0, 1, 0])).toBe(false); // a degenerate edge
  });
  it('is true when an end lies just beyond EPS across the other edge', () => {
    expect(pair([0, 0, 2, 0], [1, -3 * EPS, 1, 1])).toBe(true);
  });
  it('reads the edges at their positions in shared buffers', () => {
    const xs = new Float64Array([9, 0, 1, 9, 0, 1]);
    const ys = new Float64Array([9, 0, 1, 9, 1, 0]);
    expect(edgesCross(xs, ys, 1, 4)).toBe(true);
    expect(edgesCross(xs, ys, 2, 4)).toBe(false);
  });
});

describe('onSegment', () => {
  it('is true within EPS of the segment, ends included', () => {
    expect(onSegment(0.5, 0, 0, 0, 1, 0)).toBe(true);
    expect(onSegment(0.5, EPS / 2, 0, 0, 1, 0)).toBe(true);
    expect(onSegment(1 + EPS / 2, 0, 0, 0, 1, 0)).toBe(true);
    expect(onSegment(3, 4, 3, 4, 3, 4)).toBe(true); // a degenerate segment is its point
  });
  it('is false beyond EPS, also on the line past an end', () => {
    expect(onSegment(0.5, 2 * EPS, 0, 0, 1, 0)).toBe(false);
    expect(onSegment(1.5, 0, 0, 0, 1, 0)).toBe(false);
    expect(onSegment(3, 4 + 2 * EPS, 3, 4, 3, 4)).toBe(false);
  });
});
