import { describe, expect, it } from 'vitest';
import { outlinePath } from './hoverOutline';

const project = (p: [number, number]) => ({ x: p[0] * 10, y: 100 - p[1] * 10 });

describe('outlinePath', () => {
  it('moves to each ring’s first vertex, lines to the rest and closes every ring, one decimal', () => {
    const d = outlinePath(
      {
        type: 'Polygon',
        coordinates: [
          [[0, 0], [1, 0], [1, 1], [0, 0]],
          [[0.2, 0.2], [0.4, 0.2], [0.4, 0.44], [0.2, 0.2]],
        ],
      },
      project,
    );
    expect(d).toBe('M0.0 100.0L10.0 100.0L10.0 90.0L0.0 100.0ZM2.0 98.0L4.0 98.0L4.0 95.6L2.0 98.0Z');
  });

  it('draws every polygon of a MultiPolygon', () => {
    const d = outlinePath(
      {
        type: 'MultiPolygon',
        coordinates: [[[[0, 0], [1, 0], [0, 1], [0, 0]]], [[[5, 5], [6, 5], [5, 6], [5, 5]]]],
      },
      project,
    );
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
    expect(d).toContain('M50.0 50.0');
  });
});
