import { describe, expect, it } from 'vitest';
import { GeoJsonSummary, geometryExtent } from './readGeojsonSummary';

/** The rule the unrolled Polygon / MultiPolygon walk must keep: any array starting with two numbers is a position, any other array is descended. */
function reference(features: readonly unknown[]): number[] | undefined {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
      return;
    }
    for (const x of c) walk(x);
  };
  for (const f of features) {
    const g = (f as { geometry?: { coordinates?: unknown } } | null)?.geometry;
    if (g && typeof g === 'object' && 'coordinates' in g) walk(g.coordinates);
  }
  return Number.isFinite(b[0]) ? b : undefined;
}

const feature = (type: string, coordinates: unknown) => ({ type: 'Feature', properties: {}, geometry: { type, coordinates } });
const square = (x: number, y: number) => [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];

const CASES: [string, unknown[]][] = [
  ['a Polygon', [feature('Polygon', [square(1, 2)])]],
  ['a MultiPolygon with a hole', [feature('MultiPolygon', [[square(0, 0), square(0.2, 0.2)], [square(5, -3)]])]],
  ['a Polygon whose coordinates are one position', [feature('Polygon', [7, 8])]],
  ['a Polygon whose ring is one position', [feature('Polygon', [[9, -9], square(0, 0)])]],
  ['a MultiPolygon whose coordinates are one position', [feature('MultiPolygon', [3, 4, 5])]],
  ['a MultiPolygon whose polygon is one position', [feature('MultiPolygon', [[-4, 2], [square(0, 0)]])]],
  ['a number first, then rings', [feature('Polygon', [1, square(10, 10)]), feature('MultiPolygon', [2, [square(-10, -10)]])]],
  ['rings with non-arrays, nested arrays and text', [feature('Polygon', [[null, [[2, 3]], 'x', [4, 'y'], [6, 7, 8]]])]],
  ['other types and no geometry', [feature('LineString', [[1, 1], [2, 5]]), feature('Point', [-1, -2]), { geometry: null }, null, feature('Polygon', 'x')]],
  ['nothing', [feature('Polygon', []), feature('MultiPolygon', [[], [[]]])]],
];

describe('extent of GeoJSON coordinates', () => {
  it.each(CASES)('%s: the unrolled walk gives what the plain rule gives', (_, features) => {
    expect(geometryExtent(features)).toEqual(reference(features));
    const s = new GeoJsonSummary();
    for (const f of features) s.add(f);
    expect(s.bbox()).toEqual(reference(features));
  });
  it('spans every feature', () => {
    expect(geometryExtent(CASES.flatMap(([, fs]) => fs))).toEqual([-10, -10, 11, 11]);
  });
});
