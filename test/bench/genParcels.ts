/**
 * Seeded, deterministic generators of field-like parcels for the benchmark and the area tests.
 *
 * - `mulberry32(seed)`: a small 32-bit PRNG (same seed → same numbers on every machine).
 * - `fieldShape(rng, kind)`: one random field in local metres (quadrilateral, long strip, irregular 6–12-vertex
 *   block, optionally with a hole), every edge under 250 m; `toLonLat` places it at a latitude.
 * - `generateParcels(n, seed)`: n non-overlapping parcels near 47° N — a grid of blocks (farm roads between
 *   them) split into jittered strips of ~9 positions each, from a few to a few hundred 亩 — with the standard
 *   三调 attributes (BSM, DLBM, GDDJ, GDPDJB, ZLDWDM, TBMJ). `parcelsToGeoJsonText` serialises them.
 */
import { geometryAreaEllipsoidal } from '../../src/core/area/ellipsoid';

export type Rng = () => number;

/** Mulberry32: a fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
export const randInt = (rng: Rng, lo: number, hi: number) => Math.floor(uniform(rng, lo, hi + 1));
export function pick<T>(rng: Rng, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(rng() * items.length)];
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

// CGCS2000 for the local metric
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** Metres per degree of latitude and of longitude at a latitude (meridian and parallel radii of CGCS2000). */
export function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const s = Math.sin(latDeg * RAD);
  const w2 = 1 - E2 * s * s;
  return { lat: ((A * (1 - E2)) / (w2 * Math.sqrt(w2))) * RAD, lon: (A / Math.sqrt(w2)) * Math.cos(latDeg * RAD) * RAD };
}

/** Local east/north metres around (lon0, lat0) → [lon, lat] (a tangent-plane approximation, fine within a few km). */
export function toLonLat(ring: readonly (readonly [number, number])[], lon0: number, lat0: number): number[][] {
  const k = metresPerDegree(lat0);
  return ring.map(([x, y]) => [lon0 + x / k.lon, lat0 + y / k.lat]);
}

export type LocalRing = [number, number][];
export type FieldKind = 'quad' | 'strip' | 'block' | 'holed';

/** Close a ring (append its first position). */
const close = (r: LocalRing): LocalRing => [...r, [r[0][0], r[0][1]]];

function rotate(r: LocalRing, deg: number): LocalRing {
  const c = Math.cos(deg * RAD);
  const s = Math.sin(deg * RAD);
  return r.map(([x, y]) => [x * c - y * s, x * s + y * c]);
}

/**
 * One random field in local metres, rings closed, outer ring counter-clockwise before rotation (holes too: the
 * area must not depend on orientation). Every edge is under 250 m.
 */
export function fieldShape(rng: Rng, kind: FieldKind): LocalRing[] {
  const rot = uniform(rng, 0, 360);
  if (kind === 'quad') {
    // a jittered rectangle up to 170 m × 170 m (diagonal-free edges ≤ ~175 m)
    const w = uniform(rng, 20, 170);
    const h = uniform(rng, 20, 170);
    const j = () => uniform(rng, -0.12, 0.12) * Math.min(w, h);
    return [close(rotate([[j(), j()], [w + j(), j()], [w + j(), h + j()], [j(), h + j()]], rot))];
  }
  if (kind === 'strip') {
    // a long narrow strip (8–40 m × up to 240 m) with 1–2 kinks on the long sides
    const w = uniform(rng, 8, 40);
    const len = uniform(rng, 150, 240);
    const ring: LocalRing = [[0, 0], [w, 0]];
    const kinks = randInt(rng, 1, 2);
    for (let k = 1; k <= kinks; k++) ring.push([w + uniform(rng, -0.2, 0.2) * w, (len * k) / (kinks + 1)]);
    ring.push([w, len], [0, len]);
    for (let k = kinks; k >= 1; k--) ring.push([uniform(rng, -0.2, 0.2) * w, (len * k) / (kinks + 1)]);
    return [close(rotate(ring, rot))];
  }
  // an irregular star-shaped block of 6–12 vertices, radius ≤ 120 m (so every edge is < 240 m)
  const n = randInt(rng, 6, 12);
  const r0 = uniform(rng, 30, 100);
  const outer: LocalRing = [];
  for (let i = 0; i < n; i++) {
    const t = ((i + uniform(rng, -0.3, 0.3)) / n) * 2 * Math.PI;
    const r = Math.min(120, r0 * uniform(rng, 0.75, 1.2));
    outer.push([r * Math.cos(t), r * Math.sin(t)]);
  }
  const rings: LocalRing[] = [close(rotate(outer, rot))];
  if (kind === 'holed') {
    // a pond or a house plot: a small quadrilateral well inside the inner radius (≥ 0.75·r0 · cos(π/6)…)
    const hr = uniform(rng, 0.1, 0.3) * r0;
    const cx = uniform(rng, -0.15, 0.15) * r0;
    const cy = uniform(rng, -0.15, 0.15) * r0;
    const hole: LocalRing = [0, 1, 2, 3].map((i) => {
      const t = (i / 4) * 2 * Math.PI + uniform(rng, -0.3, 0.3);
      return [cx + hr * Math.cos(t), cy + hr * Math.sin(t)];
    });
    // clockwise half of the time
    rings.push(close(rotate(rng() < 0.5 ? hole : [...hole].reverse(), rot)));
  }
  return rings;
}

// ---------------------------------------------------------------------------------------------------------
// Benchmark parcels

export interface ParcelFeature {
  type: 'Feature';
  properties: {
    BSM: string;
    DLBM: string;
    DLMC: string;
    GDDJ: number;
    GDPDJB: number;
    ZLDWDM: string;
    TBMJ: number;
  };
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

export interface GeneratedParcels {
  features: ParcelFeature[];
  /** Extent in lon/lat: [minLon, minLat, maxLon, maxLat]. */
  bbox: [number, number, number, number];
  /** Number of positions over all rings (closing positions included). */
  vertices: number;
  /** Local frame: (lon0, lat0) is the south-west corner; metres per degree there. */
  origin: { lon0: number; lat0: number; mPerDegLon: number; mPerDegLat: number };
  /** Extent in local metres. */
  widthM: number;
  heightM: number;
}

const LAND = [
  { dlbm: '0101', dlmc: '水田' },
  { dlbm: '0102', dlmc: '水浇地' },
  { dlbm: '0103', dlmc: '旱地' },
] as const;

/** Round to 1e-7° (≈ 1 cm), as survey GeoJSON typically is. */
const r7 = (v: number) => Math.round(v * 1e7) / 1e7;

/**
 * n field-like parcels near 47° N (south-west corner 126.5° E, 46.6° N), deterministic for a seed.
 *
 * Layout: columns of blocks 400–900 m wide, rows 150–800 m tall, 6 m farm roads between blocks; a block is
 * split east–west into strips 15–150 m wide (4 m ditches between strips) or, one time in twelve when it is
 * under 33 ha, left whole.
 * A strip's ring has 4 corners, 1–2 points on the east side, 1–3 on the west side and sometimes one on the
 * north side — ~8 distinct positions, ~9 with the closing one. Jitter only moves points inward, so parcels never
 * overlap. Areas run from ~2 亩 (15 m × 150 m, less jitter) to ~500 亩 (a whole block under 33 ha).
 */
export function generateParcels(n: number, seed = 20_240_205): GeneratedParcels {
  const rng = mulberry32(seed);
  const lon0 = 126.5;
  const lat0 = 46.6;
  const k = metresPerDegree(47);
  // expected area per parcel incl. roads ≈ 31,000 m² → a square extent of side √(n·A)
  const side = Math.sqrt(n * 31_000);
  const colEdges: number[] = [0];
  while (colEdges[colEdges.length - 1] < side) colEdges.push(colEdges[colEdges.length - 1] + uniform(rng, 400, 900));
  const features: ParcelFeature[] = [];
  let vertices = 0;
  let y = 0;
  let maxX = 0;
  const counties = ['230182', '230183', '230184', '230123', '230124', '230125', '230126', '230127', '230128'];
  outer: for (let row = 0; ; row++) {
    const h = uniform(rng, 150, 800);
    for (let c = 0; c + 1 < colEdges.length; c++) {
      const bx0 = colEdges[c] + 3;
      const bx1 = colEdges[c + 1] - 3;
      const by0 = y + 3;
      const by1 = y + h - 3;
      // region codes: counties in 3×3 tiles of the extent, 20 townships, 30 villages
      const county = counties[(Math.min(2, Math.floor((3 * y) / side)) * 3 + Math.min(2, Math.floor((3 * colEdges[c]) / side))) % 9];
      const township = String(100 + ((row >> 2) % 20)).padStart(3, '0');
      const village = String(200 + ((c >> 1) % 30)).padStart(3, '0');
      const zldwdm = `${county}${township}${village}0000000`;
      // strips
      const cuts: number[] = [bx0];
      if (rng() < 1 / 12 && (bx1 - bx0) * (by1 - by0) < 330_000) cuts.push(bx1);
      else
        while (cuts[cuts.length - 1] < bx1) {
          const w = uniform(rng, 15, 150);
          cuts.push(bx1 - cuts[cuts.length - 1] < w + 15 ? bx1 : cuts[cuts.length - 1] + w);
        }
      for (let s = 0; s + 1 < cuts.length; s++) {
        const x0 = cuts[s] + (s > 0 ? 2 : 0);
        const x1 = cuts[s + 1] - (s + 2 < cuts.length ? 2 : 0);
        const w = x1 - x0;
        const jit = Math.min(0.2 * w, 12);
        const jx = () => uniform(rng, 0, jit);
        const jy = () => uniform(rng, 0, Math.min(jit, 0.05 * (by1 - by0)));
        const ring: [number, number][] = [
          [x0 + jx(), by0 + jy()],
          [x1 - jx(), by0 + jy()],
        ];
        const east = randInt(rng, 1, 2);
        for (let i = 1; i <= east; i++) ring.push([x1 - jx(), by0 + ((by1 - by0) * i) / (east + 1)]);
        ring.push([x1 - jx(), by1 - jy()]);
        if (rng() < 0.5) ring.push([x0 + w * uniform(rng, 0.3, 0.7), by1 - jy()]);
        ring.push([x0 + jx(), by1 - jy()]);
        const west = randInt(rng, 1, 3);
        for (let i = west; i >= 1; i--) ring.push([x0 + jx(), by0 + ((by1 - by0) * i) / (west + 1)]);
        const coords = ring.map(([px, py]) => [r7(lon0 + px / k.lon), r7(lat0 + py / k.lat)]);
        coords.push([coords[0][0], coords[0][1]]);
        vertices += coords.length;
        if (x1 > maxX) maxX = x1;
        const geometry = { type: 'Polygon' as const, coordinates: [coords] };
        const land = pick(rng, LAND, [0.15, 0.25, 0.6]);
        const idx = features.length;
        features.push({
          type: 'Feature',
          properties: {
            BSM: `${county}${String(idx + 1).padStart(8, '0')}`,
            DLBM: land.dlbm,
            DLMC: land.dlmc,
            GDDJ: pick(rng, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [4, 8, 12, 15, 15, 14, 12, 10, 6, 4]),
            GDPDJB: pick(rng, [1, 2, 3, 4, 5], [60, 28, 9, 2.5, 0.5]),
            ZLDWDM: zldwdm,
            TBMJ: Math.round(geometryAreaEllipsoidal(geometry) * 100) / 100,
          },
          geometry,
        });
        if (features.length >= n) {
          y += h;
          break outer;
        }
      }
    }
    y += h;
  }
  return {
    features,
    bbox: [lon0, lat0, lon0 + maxX / k.lon, lat0 + y / k.lat],
    vertices,
    origin: { lon0, lat0, mPerDegLon: k.lon, mPerDegLat: k.lat },
    widthM: maxX,
    heightM: y,
  };
}

/** Serialise as a GeoJSON FeatureCollection (one line per feature, as GIS exports usually look). */
export function parcelsToGeoJsonText(features: readonly ParcelFeature[]): string {
  const parts: string[] = new Array(features.length);
  for (let i = 0; i < features.length; i++) parts[i] = JSON.stringify(features[i]);
  return `{"type":"FeatureCollection","name":"bench_parcels","features":[\n${parts.join(',\n')}\n]}\n`;
}

/**
 * A site polygon roughly `diameterM` across (an irregular 16-gon, radius ±15 %) centred at a local point.
 */
export function siteAt(rng: Rng, origin: GeneratedParcels['origin'], cx: number, cy: number, diameterM: number) {
  const ring: number[][] = [];
  const nv = 16;
  for (let i = 0; i < nv; i++) {
    const t = (i / nv) * 2 * Math.PI;
    const r = (diameterM / 2) * uniform(rng, 0.85, 1.15);
    ring.push([r7(origin.lon0 + (cx + r * Math.cos(t)) / origin.mPerDegLon), r7(origin.lat0 + (cy + r * Math.sin(t)) / origin.mPerDegLat)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return { type: 'Polygon' as const, coordinates: [ring] };
}

/** `count` seeded sites of a given diameter, wholly inside the parcels' extent. */
export function randomSites(gen: GeneratedParcels, count: number, diameterM: number, seed: number) {
  const rng = mulberry32(seed);
  const sites: { type: 'Polygon'; coordinates: number[][][] }[] = [];
  const m = diameterM * 0.6;
  for (let i = 0; i < count; i++) {
    const cx = uniform(rng, Math.min(m, gen.widthM / 2), Math.max(gen.widthM - m, gen.widthM / 2));
    const cy = uniform(rng, Math.min(m, gen.heightM / 2), Math.max(gen.heightM - m, gen.heightM / 2));
    sites.push(siteAt(rng, gen.origin, cx, cy, diameterM));
  }
  return sites;
}
