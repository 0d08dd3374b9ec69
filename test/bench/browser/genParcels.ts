/**
 * Seeded synthetic field parcels (SYNTHETIC — not survey data) for the browser benchmark and e2e smoke test.
 * Fields sit in a grid of 100 m cells near 46.5° N (about 10% of cells left empty for roads and villages), each a
 * jittered rectangle with 9 positions (8 vertices + closing), so n parcels cover about n × 0.011 km².
 * The same seed gives the same parcels in GeoJSON and packed form.
 */
import type { FeatureCollection, Polygon } from 'geojson';
import type { PackedParcels } from '../../../src/worker/tiles/packed';

export const ORIGIN = { lon: 125.5, lat: 46.5 };
const CELL_M = 100;
const M_PER_DEG_LAT = 111_320;

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ring: 18 numbers (9 lon/lat pairs, closed, counter-clockwise); gddj 1..10; dlbm index 0..2. */
export type ParcelSink = (i: number, ring: Float64Array, gddj: number, dlbm: number) => void;

/** Grid side (cells) for n parcels; the layer is centred on ORIGIN. */
export function gridSide(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n / 0.9)));
}

export function generateParcels(n: number, seed: number, sink: ParcelSink): void {
  const rand = rng(seed);
  const side = gridSide(n);
  const dLat = CELL_M / M_PER_DEG_LAT;
  const dLon = CELL_M / (M_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180));
  const lon0 = ORIGIN.lon - (side * dLon) / 2;
  const lat0 = ORIGIN.lat - (side * dLat) / 2;
  const ring = new Float64Array(18);
  const m = (v: number) => v / CELL_M; // metres → fraction of a cell
  let i = 0;
  for (let cell = 0; i < n; cell++) {
    if (rand() < 0.1) continue;
    const col = cell % side;
    const row = Math.floor(cell / side);
    const x0 = col + m(3 + rand() * 9);
    const x1 = col + 1 - m(3 + rand() * 9);
    const y0 = row + m(3 + rand() * 9);
    const y1 = row + 1 - m(3 + rand() * 9);
    const j = () => m((rand() - 0.5) * 8);
    // SW, S-mid, SE, E-mid, NE, N-mid, NW, W-mid, SW (counter-clockwise in lon/lat)
    const pts = [
      [x0, y0],
      [(x0 + x1) / 2 + j(), y0 + j()],
      [x1, y0],
      [x1 + j(), (y0 + y1) / 2 + j()],
      [x1, y1],
      [(x0 + x1) / 2 + j(), y1 + j()],
      [x0, y1],
      [x0 + j(), (y0 + y1) / 2 + j()],
      [x0, y0],
    ];
    for (let k = 0; k < 9; k++) {
      ring[k * 2] = lon0 + pts[k][0] * dLon;
      ring[k * 2 + 1] = lat0 + pts[k][1] * dLat;
    }
    sink(i, ring, 1 + Math.floor(rand() * 10), Math.floor(rand() * 3));
    i++;
  }
}

const DLBM = ['0101', '0102', '0103'];

export function parcelsGeoJSON(n: number, seed: number): FeatureCollection<Polygon> {
  const features: FeatureCollection<Polygon>['features'] = [];
  generateParcels(n, seed, (i, ring, gddj, dlbm) => {
    const coords: number[][] = [];
    for (let k = 0; k < 9; k++) coords.push([ring[k * 2], ring[k * 2 + 1]]);
    features.push({
      type: 'Feature',
      id: i,
      properties: { BSM: `P${i}`, DLBM: DLBM[dlbm], gddj },
      geometry: { type: 'Polygon', coordinates: [coords] },
    });
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The same parcels straight into packed form (no object per parcel), with the per-feature bbox packParcels writes
 * and areas: what the engine worker would transfer.
 */
export function parcelsPacked(n: number, seed: number): PackedParcels {
  const coords = new Float64Array(n * 18);
  const ringStart = new Uint32Array(n + 1);
  const polyStart = new Uint32Array(n + 1);
  const featStart = new Uint32Array(n + 1);
  const ids = new Uint32Array(n);
  const gddjCol = new Float64Array(n);
  const bbox = new Float64Array(n * 4);
  const areaM2 = new Float64Array(n);
  const kx = M_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);
  generateParcels(n, seed, (i, ring, gddj) => {
    coords.set(ring, i * 18);
    // the engine has each parcel's ellipsoidal area; a local planar area stands in for it here
    let a = 0;
    for (let k = 0, j = 16; k < 18; j = k, k += 2) a += ring[j] * ring[k + 1] - ring[k] * ring[j + 1];
    areaM2[i] = (Math.abs(a) / 2) * kx * M_PER_DEG_LAT;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let nn = -Infinity;
    for (let k = 0; k < 18; k += 2) {
      w = Math.min(w, ring[k]);
      e = Math.max(e, ring[k]);
      s = Math.min(s, ring[k + 1]);
      nn = Math.max(nn, ring[k + 1]);
    }
    bbox.set([w, s, e, nn], i * 4);
    ringStart[i] = i * 9;
    polyStart[i] = i;
    featStart[i] = i;
    ids[i] = i;
    gddjCol[i] = gddj;
  });
  ringStart[n] = n * 9;
  polyStart[n] = n;
  featStart[n] = n;
  return { count: n, coords, ringStart, polyStart, featStart, ids, columns: { gddj: gddjCol }, bbox, areaM2 };
}
