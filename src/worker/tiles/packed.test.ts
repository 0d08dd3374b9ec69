import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parcelsGeoJSON, parcelsPacked } from '../../../test/bench/browser/genParcels';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLayerFromGeoJson } from '../../core/engine/loadLayer';
import { FlatGeometry } from '../../core/io/flatGeometry';
import { checkPacked, packedBBoxes, packedByteLength, packedTransferables, packParcels } from './packed';

const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const withHole: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [[[10, 10], [14, 10], [14, 14], [10, 14], [10, 10]], [[11, 11], [11, 12], [12, 12], [11, 11]]],
    [[[20, 20], [21, 20], [21, 21], [20, 20]]],
  ],
};

describe('packParcels', () => {
  it('reads the same per-feature bbox from the packed vertices as packParcels writes (NaN without a finite vertex)', () => {
    const items = [{ geometry: square }, { geometry: null }, { geometry: withHole }, { geometry: { type: 'Polygon' as const, coordinates: [[[1, 2], [Number.NaN, 3], [4, 5], [1, 2]]] } }];
    const p = packParcels(items);
    const show = (b: Float64Array) => [...b].map((v) => (Number.isNaN(v) ? 'NaN' : v));
    expect(show(packedBBoxes(p))).toEqual(show(p.bbox ?? new Float64Array(0)));
    expect(show(packedBBoxes(p)).slice(4, 8)).toEqual(['NaN', 'NaN', 'NaN', 'NaN']);
    expect(show(packedBBoxes(p)).slice(12)).toEqual(['NaN', 'NaN', 'NaN', 'NaN']);
    const big = parcelsPacked(2000, 3);
    expect(packedBBoxes(big)).toEqual(big.bbox);
  });

  it('packs flat geometries (read from their store) exactly as their nested coordinates', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../data/demo/cultivated.geojson')));
    const fast = loadLayerFromGeoJson('cultivated', 'c.geojson', bytes).layer;
    const slow = loadLayerFromGeoJson('cultivated', 'c.geojson', bytes, { flat: false }).layer;
    expect(fast.parcels[0].geometry).toBeInstanceOf(FlatGeometry);
    expect(slow.parcels[0].geometry).not.toBeInstanceOf(FlatGeometry);
    const opts = { area: (p: { areaM2: number }) => p.areaM2, columns: { gddj: (p: { attrs: { gddj?: number } }) => p.attrs.gddj } };
    const a = packParcels(fast.parcels, opts);
    expect(checkPacked(a)).toEqual([]);
    expect(a).toEqual(packParcels(slow.parcels, opts));
  });

  it('packs polygons, multipolygons with holes and missing geometries with aligned offsets', () => {
    const items = [{ geometry: square, g: 3 }, { geometry: null, g: 5 }, { geometry: withHole, g: undefined }];
    const p = packParcels(items, { id: (_it, i) => 100 + i, columns: { g: (it) => it.g } });
    expect(checkPacked(p)).toEqual([]);
    expect(p.count).toBe(3);
    expect([...p.featStart]).toEqual([0, 1, 1, 3]);
    expect([...p.polyStart]).toEqual([0, 1, 3, 4]);
    expect([...p.ringStart]).toEqual([0, 5, 10, 14, 18]);
    expect([...p.ids]).toEqual([100, 101, 102]);
    expect([...p.columns.g].map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual([3, 5, 'NaN']);
    // the hole's second vertex
    expect([p.coords[11 * 2], p.coords[11 * 2 + 1]]).toEqual([11, 12]);
    expect(packedByteLength(p)).toBe(18 * 16 + 5 * 4 + 4 * 4 + 4 * 4 + 3 * 4 + 3 * 8 + 3 * 32);
    // per-feature bbox in degrees; NaN for the feature without geometry
    expect([...(p.bbox ?? [])].slice(0, 4)).toEqual([0, 0, 1, 1]);
    expect(Number.isNaN(p.bbox?.[4])).toBe(true);
    expect([...(p.bbox ?? [])].slice(8)).toEqual([10, 10, 21, 21]);
    expect(p.areaM2).toBeUndefined();
  });

  it('lists each buffer once for transfer', () => {
    const p = packParcels([{ geometry: square }], { columns: { a: () => 1, b: () => 2 } });
    const t = packedTransferables(p);
    expect(t.length).toBe(8); // coords, 3 offsets, ids, 2 columns, bbox
    expect(new Set(t).size).toBe(8);
    const q = packParcels([{ geometry: square, a: 12.5 }], { area: (it) => it.a });
    expect([...(q.areaM2 ?? [])]).toEqual([12.5]);
    expect(packedTransferables(q).length).toBe(7);
  });

  it('finds malformed offsets instead of trusting them', () => {
    const p = packParcels([{ geometry: square }, { geometry: withHole }]);
    p.ringStart[2] = 1; // decreasing
    expect(checkPacked(p).join()).toMatch(/ringStart decreases/);
    const q = packParcels([{ geometry: square }]);
    q.count = 2;
    expect(checkPacked(q).join()).toMatch(/featStart length/);
    expect(checkPacked(q).join()).toMatch(/bbox length/);
  });

  it('the benchmark generator gives the same geometry packed directly and via GeoJSON', () => {
    const fc = parcelsGeoJSON(300, 7);
    const viaGeo = packParcels(fc.features, { columns: { gddj: (f) => f.properties?.gddj as number } });
    const direct = parcelsPacked(300, 7);
    expect(checkPacked(direct)).toEqual([]);
    expect(viaGeo.coords).toEqual(direct.coords);
    expect(viaGeo.ringStart).toEqual(direct.ringStart);
    expect(viaGeo.columns.gddj).toEqual(direct.columns.gddj);
    expect(viaGeo.bbox).toEqual(direct.bbox);
  });
});
