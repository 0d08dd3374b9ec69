import { VectorTile } from '@mapbox/vector-tile';
import type { Polygon } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { parcelsPacked } from '../../../test/bench/browser/genParcels';
import { packParcels } from './packed';
import { AGG_LAYER, clipRing, latOf, lonOf, mercX, mercY, PARCEL_LAYER, ParcelTileIndex, surveyorArea } from './tileIndex';

const tileOf = (lon: number, lat: number, z: number) => [Math.floor(mercX(lon) * 2 ** z), Math.floor(mercY(lat) * 2 ** z)];
const decode = (buf: ArrayBuffer | null) => (buf ? new VectorTile(new PbfReader(new Uint8Array(buf))) : null);

describe('geometry helpers', () => {
  it('projects to Web Mercator and back', () => {
    for (const [lon, lat] of [[125.5, 46.5], [-70, -33], [0, 0]]) {
      expect(lonOf(mercX(lon))).toBeCloseTo(lon, 9);
      expect(latOf(mercY(lat))).toBeCloseTo(lat, 9);
    }
    expect(mercY(0)).toBeCloseTo(0.5, 12);
    expect(mercY(60)).toBeLessThan(0.5); // north is up (y down)
  });

  it('clips a ring to the tile square keeping the intersection area', () => {
    const sq: [number, number][] = [[-50, -50], [50, -50], [50, 50], [-50, 50]];
    const c = clipRing(sq, 0, 100);
    expect(Math.abs(surveyorArea(c))).toBeCloseTo(2500, 9);
    expect(clipRing([[200, 200], [300, 200], [300, 300]], 0, 100)).toEqual([]);
  });
});

describe('ParcelTileIndex', () => {
  const N = 3000;
  const src = parcelsPacked(N, 11);
  const lonlat = src.coords.slice(); // the index projects in place

  it('serves every parcel touching a detail tile, with ids, attributes and vertices within half a tile unit', () => {
    const idx = new ParcelTileIndex(parcelsPacked(N, 11), { detailMinZoom: 14 });
    expect(idx.info.indexed).toBe(N);
    const z = 14;
    const [x, y] = tileOf(lonlat[0], lonlat[1], z); // tile of parcel 0's first vertex
    const vt = decode(idx.getTile(z, x, y));
    const layer = vt?.layers[PARCEL_LAYER];
    expect(layer).toBeDefined();
    if (!layer) return;
    // expected: parcels whose bbox intersects the tile (+64/4096 buffer), computed independently from degrees
    const k = 64 / 4096;
    const expected = new Set<number>();
    for (let f = 0; f < N; f++) {
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (let i = f * 9; i < f * 9 + 9; i++) {
        const tx = mercX(lonlat[i * 2]) * 2 ** z - x;
        const ty = mercY(lonlat[i * 2 + 1]) * 2 ** z - y;
        x0 = Math.min(x0, tx); x1 = Math.max(x1, tx); y0 = Math.min(y0, ty); y1 = Math.max(y1, ty);
      }
      if (x1 >= -k && x0 <= 1 + k && y1 >= -k && y0 <= 1 + k) expected.add(f);
    }
    const got = new Set<number>();
    for (let i = 0; i < layer.length; i++) {
      const feat = layer.feature(i);
      got.add(Number(feat.id));
      expect(feat.type).toBe(3);
      expect(feat.properties.gddj).toBe(src.columns.gddj[Number(feat.id)]);
      for (const ring of feat.loadGeometry()) for (const p of ring) {
        expect(p.x).toBeGreaterThanOrEqual(-64);
        expect(p.x).toBeLessThanOrEqual(4096 + 64);
      }
    }
    // a sliver of a parcel inside the buffer can round away to nothing, so allow a few missing, never extra
    for (const f of got) expect(expected.has(f)).toBe(true);
    expect(got.size).toBeGreaterThan(expected.size * 0.97);
    expect(got.has(0)).toBe(true);
    // parcel 0 decodes back to its source vertices (one tile unit at z14 ≈ 2.4 m here)
    const f0 = [...Array(layer.length).keys()].map((i) => layer.feature(i)).find((f) => f.id === 0);
    const geo = f0?.toGeoJSON(x, y, z).geometry as Polygon;
    expect(geo.type).toBe('Polygon');
    const unitDeg = 360 / 2 ** z / 4096;
    const first = geo.coordinates[0][0];
    const near = (a: number, b: number) => Math.abs(a - b) <= unitDeg;
    let matched = 0;
    for (let v = 0; v < 8; v++) if (geo.coordinates[0].some((q) => near(q[0], lonlat[v * 2]) && near(q[1], lonlat[v * 2 + 1]))) matched++;
    expect(first.length).toBe(2);
    expect(matched).toBeGreaterThanOrEqual(7); // a vertex may be clipped away if the parcel crosses the tile edge
  });

  it('keeps holes as holes (exterior and interior orientation by the MVT spec)', () => {
    const g = {
      type: 'Polygon' as const,
      coordinates: [
        [[125.0, 46.0], [125.01, 46.0], [125.01, 46.01], [125.0, 46.01], [125.0, 46.0]],
        [[125.003, 46.003], [125.003, 46.006], [125.006, 46.006], [125.006, 46.003], [125.003, 46.003]],
      ],
    };
    const idx = new ParcelTileIndex(packParcels([{ geometry: g }]), { detailMinZoom: 0 });
    const [x, y] = tileOf(125.005, 46.005, 12);
    const feat = decode(idx.getTile(12, x, y))?.layers[PARCEL_LAYER].feature(0);
    const geo = feat?.toGeoJSON(x, y, 12).geometry as Polygon;
    expect(geo.type).toBe('Polygon');
    expect(geo.coordinates.length).toBe(2);
  });

  it('aggregates below the detail zoom: every parcel counted once, coverage share in (0, 1]', () => {
    const idx = new ParcelTileIndex(parcelsPacked(N, 11), { detailMinZoom: 12 });
    const z = 8;
    const [x, y] = tileOf(125.5, 46.5, z);
    const vt = decode(idx.getTile(z, x, y));
    expect(vt?.layers[PARCEL_LAYER]).toBeUndefined();
    const agg = vt?.layers[AGG_LAYER];
    expect(agg).toBeDefined();
    if (!agg) return;
    let n = 0;
    for (let i = 0; i < agg.length; i++) {
      const p = agg.feature(i).properties;
      n += Number(p.n);
      expect(Number(p.share)).toBeGreaterThan(0);
      expect(Number(p.share)).toBeLessThanOrEqual(1);
    }
    expect(n).toBe(N);
    // at z11 the fields (≈ 60–90% of each 100 m cell) fill cells in the middle of the layer to well over half
    const [x11, y11] = tileOf(125.5, 46.5, 11);
    const a11 = decode(idx.getTile(11, x11, y11))?.layers[AGG_LAYER];
    const shares = a11 ? [...Array(a11.length).keys()].map((i) => Number(a11.feature(i).properties.share)) : [];
    expect(Math.max(...shares)).toBeGreaterThan(0.5);
  });

  it('chooses the detail zoom from the busiest tile and the budget; empty tiles are null', () => {
    const a = new ParcelTileIndex(parcelsPacked(N, 11), { maxParcelsPerTile: 100000 });
    expect(a.info.detailMinZoom).toBe(0);
    const b = new ParcelTileIndex(parcelsPacked(N, 11), { maxParcelsPerTile: 500 });
    const bt = b.info.busiestTile;
    expect(bt[0]).toBe(N);
    for (let z = 1; z < bt.length; z++) expect(bt[z]).toBeLessThanOrEqual(bt[z - 1]);
    expect(bt[b.info.detailMinZoom]).toBeLessThanOrEqual(500);
    expect(bt[b.info.detailMinZoom - 1]).toBeGreaterThan(500);
    expect(b.getTile(14, 0, 0)).toBeNull();
    const [w, s, e, n] = b.info.bounds ?? [0, 0, 0, 0];
    expect(w).toBeLessThan(125.5);
    expect(e).toBeGreaterThan(125.5);
    expect(s).toBeLessThan(46.5);
    expect(n).toBeGreaterThan(46.5);
  });

  it('a mask hides features from parcel tiles and aggregates alike', () => {
    const idx = new ParcelTileIndex(parcelsPacked(N, 11), { detailMinZoom: 12 });
    const mask = new Uint8Array(N);
    for (let f = 0; f < N; f += 3) mask[f] = 1; // keep every third parcel
    idx.setMask(mask);
    const [x8, y8] = tileOf(125.5, 46.5, 8);
    const agg = decode(idx.getTile(8, x8, y8))?.layers[AGG_LAYER];
    let n = 0;
    for (let i = 0; i < (agg?.length ?? 0); i++) n += Number(agg?.feature(i).properties.n);
    expect(n).toBe(Math.ceil(N / 3));
    const [x, y] = tileOf(lonlat[0], lonlat[1], 14);
    const layer = decode(idx.getTile(14, x, y))?.layers[PARCEL_LAYER];
    expect(layer?.length ?? 0).toBeGreaterThan(0);
    for (let i = 0; i < (layer?.length ?? 0); i++) expect(Number(layer?.feature(i).id) % 3).toBe(0);
    idx.setMask(null);
    const all = decode(idx.getTile(8, x8, y8))?.layers[AGG_LAYER];
    let m = 0;
    for (let i = 0; i < (all?.length ?? 0); i++) m += Number(all?.feature(i).properties.n);
    expect(m).toBe(N);
    expect(() => idx.setMask(new Uint8Array(5))).toThrow(/mask length/);
  });

  it('indexes from the packed bbox and engine areas exactly as from the vertices', () => {
    const withBox = new ParcelTileIndex(parcelsPacked(N, 11), { detailMinZoom: 12 });
    const p = parcelsPacked(N, 11);
    delete p.bbox;
    delete p.areaM2; // from the vertices alone
    const fromPoints = new ParcelTileIndex(p, { detailMinZoom: 12 });
    expect(withBox.info.bounds).toEqual(fromPoints.info.bounds);
    expect(withBox.info.busiestTile).toEqual(fromPoints.info.busiestTile);
    const [x, y] = tileOf(125.5, 46.5, 13);
    expect(new Uint8Array(withBox.getTile(13, x, y) ?? new ArrayBuffer(0))).toEqual(new Uint8Array(fromPoints.getTile(13, x, y) ?? new ArrayBuffer(1)));
    // areas from m² (as the engine gives them) and from degrees agree on the coverage share to within 1%
    const q = parcelsPacked(N, 11);
    const deg2m = (111_320 * 111_320 * Math.cos((46.5 * Math.PI) / 180));
    q.areaM2 = new Float64Array(N);
    for (let f = 0; f < N; f++) {
      let s2 = 0;
      for (let i = f * 9, j = f * 9 + 8; i < f * 9 + 9; j = i++) s2 += lonlat[j * 2] * lonlat[i * 2 + 1] - lonlat[i * 2] * lonlat[j * 2 + 1];
      q.areaM2[f] = (Math.abs(s2) / 2) * deg2m;
    }
    const fromM2 = new ParcelTileIndex(q, { detailMinZoom: 12 });
    const [x8, y8] = tileOf(125.5, 46.5, 11);
    const share = (idx: ParcelTileIndex) => {
      const l = decode(idx.getTile(11, x8, y8))?.layers[AGG_LAYER];
      let t = 0;
      for (let i = 0; i < (l?.length ?? 0); i++) t += Number(l?.feature(i).properties.share);
      return t;
    };
    expect(share(fromM2) / share(fromPoints)).toBeCloseTo(1, 1);
  });

  it('skips features without a finite geometry', () => {
    const bad = { type: 'Polygon' as const, coordinates: [[[Number.NaN, 1], [2, 2], [3, 1], [Number.NaN, 1]]] };
    const idx = new ParcelTileIndex(packParcels([{ geometry: bad }, { geometry: null }]));
    expect(idx.info.indexed).toBe(0);
    expect(idx.info.bounds).toBeNull();
    expect(idx.getTile(0, 0, 0)).toBeNull();
  });
});
