import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parcelsGeoJSON, parcelsPacked } from '../../../test/bench/browser/genParcels';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importLayer } from '../../core/engine/importLayer';
import { loadLayerFromGeoJson } from '../../core/engine/loadLayer';
import { FlatGeometry } from '../../core/io/flatGeometry';
import { attrOf } from '../../core/layers/attrTable';
import type { Parcel } from '../../core/types';
import { checkPacked, packedBBoxes, packedByteLength, packedTransferables, packParcels, positionsOf } from './packed';
import { mercY, ParcelTileIndex } from './tileIndex';

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
    const opts = { area: (p: { areaM2: number }) => p.areaM2, columns: { gddj: (p: Parcel) => attrOf(p, 'gddj') } };
    const a = packParcels(fast.parcels, opts);
    expect(checkPacked(a)).toEqual([]);
    expect(a).toEqual(packParcels(slow.parcels, opts));
  });

  const importShared = async (bytes: Uint8Array) => {
    const layer = (await importLayer('c.geojson', bytes, { kind: 'cultivated', sharedGeometry: true })).layer;
    if (!layer) throw new Error('no layer');
    return layer;
  };

  it('lends a layer read into shared memory as it is: the store arrays, not a copy, and the same tiles', async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../data/demo/cultivated.geojson')));
    const shared = await importShared(bytes);
    const plain = loadLayerFromGeoJson('cultivated', 'c.geojson', bytes).layer;
    const opts = { area: (p: { areaM2: number }) => p.areaM2, columns: { gddj: (p: Parcel) => attrOf(p, 'gddj') } };
    const a = packParcels(shared.parcels, opts);
    const b = packParcels(plain.parcels, opts);
    expect(checkPacked(a)).toEqual([]);
    const store = (shared.parcels[0].geometry as unknown as FlatGeometry).store;
    expect(a.xs).toBe(store.xs);
    expect(a.ys).toBe(store.ys);
    expect(a.bbox).toBe(store.bbox);
    expect(a.coords.length).toBe(0);
    for (const k of ['ringStart', 'polyStart', 'featStart'] as const) expect(a[k].buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.xs).toBeUndefined();
    // the same positions and offsets as the copy, read through positionsOf
    const pa = positionsOf(a);
    const pb = positionsOf(b);
    expect(pa.n).toBe(pb.n);
    for (let i = 0; i < pa.n; i += 7) expect([pa.X[i * pa.stride], pa.Y[i * pa.stride + pa.yOff]]).toEqual([pb.X[i * 2], pb.Y[i * 2 + 1]]);
    expect([...a.ringStart]).toEqual([...b.ringStart]);
    expect([...a.polyStart]).toEqual([...b.polyStart]);
    expect([...a.featStart]).toEqual([...b.featStart]);
    expect([...(a.bbox ?? [])]).toEqual([...(b.bbox ?? [])]);
    expect(a.ids).toEqual(b.ids);
    expect(a.columns).toEqual(b.columns);
    expect(a.areaM2).toEqual(b.areaM2);
    // shared memory is never in the transfer list (only the empty coords, ids, the column and areas are)
    expect(packedTransferables(a)).toEqual([a.coords.buffer, a.ids.buffer, a.columns.gddj.buffer, a.areaM2?.buffer]);
    // the tile worker cuts the same tiles from either
    const ia = new ParcelTileIndex(a, { maxParcelsPerTile: 500 });
    const ib = new ParcelTileIndex(b, { maxParcelsPerTile: 500 });
    expect(ia.info).toMatchObject({ ...ib.info, ms: expect.anything() });
    const z = ia.info.detailMinZoom + 1;
    const [w, s, e, n] = ia.info.bounds ?? [0, 0, 0, 0];
    const x = Math.floor(((w + e) / 2 / 360 + 0.5) * 2 ** z);
    const y = Math.floor(mercY((s + n) / 2) * 2 ** z);
    const ta = ia.getTile(z, x, y);
    expect(ta?.byteLength).toBeGreaterThan(1000);
    expect(ta).toEqual(ib.getTile(z, x, y));
    expect(ia.getTile(z - 2, x >> 2, y >> 2)).toEqual(ib.getTile(z - 2, x >> 2, y >> 2));
  });

  it('copies when the items are not exactly one shared store in order', async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../data/demo/cultivated.geojson')));
    const shared = await importShared(bytes);
    const some = shared.parcels.slice(1);
    const p = packParcels(some);
    expect(p.xs).toBeUndefined();
    expect(checkPacked(p)).toEqual([]);
    expect(packedTransferables(p)).toContain(p.coords.buffer);
    expect(packParcels([...shared.parcels].reverse()).xs).toBeUndefined();
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
