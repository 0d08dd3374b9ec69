/**
 * The textbook alternative, kept for measurement (test/bench/browser compares it): geojson-vt over the whole layer
 * in the worker, tiles encoded with vt-pbf. geojson-vt simplifies (tolerance 3) and drops polygons smaller than a
 * pixel at low zoom, so at county overview most parcels vanish rather than aggregate.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { type PackedParcels, positionsOf } from './packed';
import { PARCEL_LAYER, type TileIndexInfo } from './tileIndex';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function unpackToGeoJSON(p: PackedParcels): FeatureCollection<MultiPolygon> {
  const features: Feature<MultiPolygon>[] = [];
  const names = Object.keys(p.columns);
  const { X, Y, stride, yOff } = positionsOf(p);
  for (let f = 0; f < p.count; f++) {
    const polys: number[][][][] = [];
    for (let q = p.featStart[f]; q < p.featStart[f + 1]; q++) {
      const rings: number[][][] = [];
      for (let r = p.polyStart[q]; r < p.polyStart[q + 1]; r++) {
        const ring: number[][] = [];
        for (let i = p.ringStart[r]; i < p.ringStart[r + 1]; i++) ring.push([X[i * stride], Y[i * stride + yOff]]);
        rings.push(ring);
      }
      polys.push(rings);
    }
    if (!polys.length) continue;
    const properties: Record<string, number> = {};
    for (const n of names) if (!Number.isNaN(p.columns[n][f])) properties[n] = p.columns[n][f];
    features.push({ type: 'Feature', id: p.ids[f], properties, geometry: { type: 'MultiPolygon', coordinates: polys } });
  }
  return { type: 'FeatureCollection', features };
}

export class GeojsonVtTileIndex {
  readonly info: TileIndexInfo;
  private readonly gvt: GeoJSONVT;
  constructor(packed: PackedParcels, opts: { maxZoom?: number } = {}) {
    const t0 = now();
    const fc = unpackToGeoJSON(packed);
    const t1 = now();
    const maxZoom = opts.maxZoom ?? 14;
    this.gvt = new GeoJSONVT(fc, { maxZoom, indexMaxZoom: 5, indexMaxPoints: 100000, tolerance: 3, extent: 4096, buffer: 64 });
    this.info = {
      count: packed.count,
      indexed: fc.features.length,
      detailMinZoom: 0,
      maxZoom,
      bounds: null,
      busiestTile: [],
      ms: { project: t1 - t0, index: now() - t1, spatialIndex: 0 },
    };
  }
  getTile(z: number, x: number, y: number): ArrayBuffer | null {
    const tile = this.gvt.getTile(z, x, y);
    if (!tile?.features.length) return null;
    return fromGeojsonVt({ [PARCEL_LAYER]: tile }, { version: 2, extent: 4096 }).slice().buffer as ArrayBuffer;
  }
}
