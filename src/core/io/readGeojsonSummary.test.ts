import { describe, expect, it } from 'vitest';
import { GeoJsonSummary, geometryExtent } from './readGeojsonSummary';

const feature = (type: string, coordinates: unknown) => ({ type: 'Feature', properties: {}, geometry: { type, coordinates } });
const square = (x: number, y: number) => [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];

/** The rule: any array starting with two numbers is a position, any other array is descended — at every level. */
const CASES: [string, unknown[], number[] | undefined][] = [
  ['a Polygon', [feature('Polygon', [square(1, 2)])], [1, 2, 2, 3]],
  ['a MultiPolygon with a hole', [feature('MultiPolygon', [[square(0, 0), square(0.2, 0.2)], [square(5, -3)]])], [0, -3, 6, 1.2]],
  ['a Polygon whose coordinates are one position', [feature('Polygon', [7, 8])], [7, 8, 7, 8]],
  ['a Polygon whose ring is one position', [feature('Polygon', [[9, -9], square(0, 0)])], [0, -9, 9, 1]],
  ['a MultiPolygon whose coordinates are one position', [feature('MultiPolygon', [3, 4, 5])], [3, 4, 3, 4]],
  ['a MultiPolygon whose polygon is one position', [feature('MultiPolygon', [[-4, 2], [square(0, 0)]])], [-4, 0, 1, 2]],
  ['a number first, then rings', [feature('Polygon', [1, square(10, 10)]), feature('MultiPolygon', [2, [square(-10, -10)]])], [-10, -10, 11, 11]],
  ['rings with non-arrays, nested arrays and text', [feature('Polygon', [[null, [[2, 3]], 'x', [4, 'y'], [6, 7, 8]]])], [2, 3, 6, 7]],
  ['other types and no geometry', [feature('LineString', [[1, 1], [2, 5]]), feature('Point', [-1, -2]), { geometry: null }, null, feature('Polygon', 'x')], [-1, -2, 2, 5]],
  ['nothing', [feature('Polygon', []), feature('MultiPolygon', [[], [[]]])], undefined],
];

describe('extent of GeoJSON coordinates', () => {
  it.each(CASES)('%s', (_, features, box) => {
    expect(geometryExtent(features)).toEqual(box);
    const s = new GeoJsonSummary();
    for (const f of features) s.add(f);
    expect(s.bbox()).toEqual(box);
  });
  it('spans every feature', () => {
    expect(geometryExtent(CASES.flatMap(([, fs]) => fs))).toEqual([-10, -10, 11, 11]);
  });
});
