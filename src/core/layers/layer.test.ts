import { describe, expect, it } from 'vitest';
import { polygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from './layer';
import { parcelProps } from './propsTable';
import { attrOf } from './attrTable';

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});

describe('buildLayer', () => {
  const features = [
    { type: 'Feature', id: 7, properties: { DLBM: '0101' }, geometry: square(126, 46, 0.001) },
    { type: 'Feature', properties: { BSM: 'b2', DLBM: '0103' }, geometry: square(126.01, 46.01, 0.002) },
    { type: 'Feature', properties: { BSM: 'pt' }, geometry: { type: 'Point', coordinates: [126, 46] } },
    null,
    { type: 'Feature', properties: { BSM: 'skipped' }, geometry: square(126.1, 46.1, 0.001) },
  ];
  const layer = buildLayer('cultivated', 'f.geojson', features, { skip: new Set([4]) });

  it('keeps polygon features, with ids, normalised attributes, areas and bboxes', () => {
    expect(layer.parcels.map((p) => [p.index, p.id, attrOf(p, 'landClass')])).toEqual([
      [0, '7', 'paddy'],
      [1, 'b2', 'dry'],
    ]);
    expect(layer.parcels[1].areaM2).toBeCloseTo(polygonAreaEllipsoidal(square(126.01, 46.01, 0.002).coordinates), 9);
    expect(layer.grossAreaM2).toBeCloseTo(layer.parcels[0].areaM2 + layer.parcels[1].areaM2, 9);
    expect(layer.bbox).toEqual([126, 46, 126.012, 46.012]);
  });

  it('keeps each parcel’s original properties, in columns, given back with the same names, order and values', () => {
    expect(layer.parcels.map((p) => parcelProps(layer, p))).toEqual([{ DLBM: '0101' }, { BSM: 'b2', DLBM: '0103' }]);
    expect(Object.keys(parcelProps(layer, layer.parcels[1]))).toEqual(['BSM', 'DLBM']);
    // a layer derived from it (a region clip, an adjustment) keeps the table; its parcels keep the feature index
    const derived = { ...layer, parcels: [{ ...layer.parcels[1], areaM2: 1 }] };
    expect(parcelProps(derived, derived.parcels[0])).toEqual({ BSM: 'b2', DLBM: '0103' });
    // a skipped feature's properties are not kept
    expect(layer.props?.row(4)).toEqual({});
    // a caller that keeps the features itself asks for no columns
    const bare = buildLayer('cultivated', 'f.geojson', features, { skip: new Set([4]), keepProps: false });
    expect(bare.props).toBeUndefined();
    expect(bare.parcels.map((p) => p.id)).toEqual(layer.parcels.map((p) => p.id));
  });

  it('indexes parcels so a bbox search finds exactly the touching ones', () => {
    expect(layer.index.search(126.0005, 46.0005, 126.0006, 46.0006)).toEqual([0]);
    expect(layer.index.search(126.5, 46.5, 126.6, 46.6)).toEqual([]);
  });

  it('builds an empty layer without throwing', () => {
    const empty = buildLayer('eco-redline', 'e.geojson', []);
    expect(empty.parcels).toEqual([]);
    expect(empty.grossAreaM2).toBe(0);
  });
});
