import { describe, expect, it } from 'vitest';
import { polygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from './layer';
import { parcelProps } from './propsTable';
import { attrOf, attrsOf } from './attrTable';
import { readAttrs } from './fields';
import { validateParcels } from '../validate/validate';

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

  it('takes validation’s attribute table only for the features it accepted, and reads the others’ attributes itself', () => {
    const bow = { type: 'Polygon' as const, coordinates: [[[126.2, 46.2], [126.21, 46.21], [126.21, 46.2], [126.2, 46.21], [126.2, 46.2]]] };
    const fs = [
      { type: 'Feature', properties: { BSM: 'a', DLBM: '0101', GDDJ: 3 }, geometry: square(126, 46, 0.001) },
      { type: 'Feature', properties: { BSM: 'bow', DLBM: '0103', GDDJ: 7 }, geometry: bow },
      { type: 'Feature', properties: { BSM: 'c', DLBM: '0102', ZLDWDM: '2309991012010000000' }, geometry: square(126.3, 46.3, 0.001) },
    ];
    const v = validateParcels(fs, { file: 'f.geojson', kind: 'cultivated' });
    expect(v.blocked.has(1)).toBe(true);
    // as loadLayer does: validation's table for exactly its accepted features
    const loaded = buildLayer('cultivated', 'f.geojson', fs, { skip: v.blocked, validated: v.parcels });
    expect(loaded.parcels[0].attrsFrom).toBe(v.parcels.attrs);
    expect(loaded.parcels.map((p) => attrsOf(p))).toEqual([readAttrs(fs[0].properties), readAttrs(fs[2].properties)]);
    // the blocked feature loaded all the same (no skip): its attributes are read, not taken empty from the table
    const all = buildLayer('cultivated', 'f.geojson', fs, { validated: v.parcels });
    expect(all.parcels.map((p) => p.id)).toEqual(['a', 'bow', 'c']);
    expect(all.parcels.map((p) => attrsOf(p))).toEqual(fs.map((f) => readAttrs(f.properties)));
  });

  it('gives each parcel the same id whether validation’s ids are taken or the ids are read here', () => {
    const fs = [
      { type: 'Feature', properties: { BSM: 'a', DLBM: '0101' }, geometry: square(126, 46, 0.001) },
      { type: 'Feature', id: 'f2', properties: { DLBM: '0103' }, geometry: square(126.1, 46.1, 0.001) },
      { type: 'Feature', properties: { DLBM: '0102' }, geometry: square(126.2, 46.2, 0.001) },
      { type: 'Feature', id: 9, properties: null, geometry: square(126.3, 46.3, 0.001) },
    ];
    const v = validateParcels(fs, { file: 'f.geojson', kind: 'cultivated' });
    expect(v.parcels.ids).toEqual(['a', 'f2', '#2', '9']);
    const taken = buildLayer('cultivated', 'f.geojson', fs, { skip: v.blocked, validated: v.parcels });
    const read = buildLayer('cultivated', 'f.geojson', fs, { skip: v.blocked });
    expect(taken.parcels.map((p) => p.id)).toEqual(['a', 'f2', '#2', '9']);
    expect(read.parcels.map((p) => [p.id, p.areaM2])).toEqual(taken.parcels.map((p) => [p.id, p.areaM2]));
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
