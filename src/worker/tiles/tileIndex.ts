/**
 * On-demand vector tiles from packed parcels (runs in the tile worker; pure TypeScript, testable in Node).
 *
 * Why not geojson-vt over the whole layer: geojson-vt converts and pre-slices every feature before the first tile
 * (seconds and hundreds of MB at 500k parcels — measured in test/bench/browser). Parcels are small, so a tile only
 * needs the few thousand parcels whose bbox touches it: one Flatbush over the parcels' Web-Mercator bboxes finds
 * them in microseconds, and each tile is projected, clipped and MVT-encoded (mvt.ts) when MapLibre asks for it.
 *
 * Below `detailMinZoom` (where a tile would hold tens of thousands of sub-pixel slivers) tiles carry region
 * aggregates instead: a grid of cells (aggGrid × aggGrid per tile) with the parcel count `n` and the share of the
 * cell covered by parcels `share` (0..1, from the parcels' planar Mercator areas — a density for display only).
 * Areas shown anywhere as figures come from src/core on the source geometry, never from these tiles.
 *
 * Longer than our 400-line habit on purpose: ParcelTileIndex's detail tiles and aggregate tiles read the same
 * private projected arrays (Mercator coordinates, bboxes, centres, areas), Flatbush and mask; split into files they
 * would have to expose all of them.
 */
import Flatbush from 'flatbush';
import { encodeTile, MvtLayerWriter } from './mvt';
import { type PackedParcels, packedBBoxes, type Positions, positionsOf } from './packed';

/** Source-layer names in the tiles. */
export const PARCEL_LAYER = 'parcels';
export const AGG_LAYER = 'agg';

export interface TileIndexOptions {
  /** Tile extent (MVT units per tile side). Default 4096. */
  extent?: number;
  /** Buffer around a tile, in extent units, kept when clipping (avoids seams at tile edges). Default 64. */
  buffer?: number;
  /** Highest zoom cut; MapLibre over-zooms beyond (the source's maxzoom). Default 14. */
  maxZoom?: number;
  /**
   * First zoom whose tiles carry parcels (below: aggregates). Default: the lowest zoom at which the busiest tile
   * holds at most `maxParcelsPerTile` parcels (by bbox centre), capped at maxZoom.
   */
  detailMinZoom?: number;
  /** Budget used to choose detailMinZoom. Default 6000. */
  maxParcelsPerTile?: number;
  /** Aggregate cells per tile side. Default 32 (16 px cells on 512 px tiles). */
  aggGrid?: number;
}

export interface TileIndexInfo {
  count: number;
  /** Features with at least one polygon and a finite bbox. */
  indexed: number;
  detailMinZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees; null when nothing is indexed. */
  bounds: [number, number, number, number] | null;
  /** Parcels in the busiest tile at each zoom 0..maxZoom (by bbox centre). */
  busiestTile: number[];
  /** project: bboxes, centres, areas; index: bounds and detail zoom; spatialIndex: the Flatbush (0 until built). */
  ms: { project: number; index: number; spatialIndex: number };
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const MAX_LAT = 85.0511287798066;
/** Equatorial circumference of the Web Mercator sphere (m). */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** Web Mercator in [0, 1] × [0, 1] (y down). */
export function mercX(lon: number): number {
  return lon / 360 + 0.5;
}
export function mercY(lat: number): number {
  const l = Math.min(MAX_LAT, Math.max(-MAX_LAT, lat));
  const s = Math.sin((l * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
}
export function lonOf(mx: number): number {
  return (mx - 0.5) * 360;
}
export function latOf(my: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * my))) * 180) / Math.PI;
}

/** Signed area by the surveyor's formula; > 0 means an MVT exterior ring (clockwise with y down). */
export function surveyorArea(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
}

/** Sutherland–Hodgman clip of a closed ring (no repeated closing point) to the square [lo, hi]². */
export function clipRing(ring: [number, number][], lo: number, hi: number): [number, number][] {
  let out = ring;
  for (let edge = 0; edge < 4 && out.length; edge++) {
    const input = out;
    out = [];
    const axis = edge & 1; // 0: x, 1: y
    const isMin = edge < 2;
    const bound = isMin ? lo : hi;
    const inside = (p: [number, number]) => (isMin ? p[axis] >= bound : p[axis] <= bound);
    let prev = input[input.length - 1];
    let prevIn = inside(prev);
    for (const cur of input) {
      const curIn = inside(cur);
      if (curIn !== prevIn) {
        const t = (bound - prev[axis]) / (cur[axis] - prev[axis]);
        const ix: [number, number] = axis === 0 ? [bound, prev[1] + t * (cur[1] - prev[1])] : [prev[0] + t * (cur[0] - prev[0]), bound];
        out.push(ix);
      }
      if (curIn) out.push(cur);
      prev = cur;
      prevIn = curIn;
    }
  }
  return out;
}

export class ParcelTileIndex {
  readonly info: TileIndexInfo;
  private readonly p: PackedParcels;
  /** The packed positions (degrees): interleaved coords, or the engine's shared xs / ys (packed.ts positionsOf). */
  private readonly m: Positions;
  private readonly bbox: Float64Array;
  private readonly cx: Float64Array;
  private readonly cy: Float64Array;
  private readonly area: Float64Array;
  /** Built on the first parcel tile (or by warm()): the overview's aggregate tiles do not need it. */
  private index: Flatbush | null = null;
  /** Flatbush item → feature. */
  private readonly featOf: Uint32Array;
  private readonly extent: number;
  private readonly buffer: number;
  private readonly aggGrid: number;
  private readonly colNames: string[];
  /** Feature f is drawn only if mask[f] ≠ 0 (null: all). */
  private mask: Uint8Array | null = null;

  /** Keeps a reference to `packed` (not copied); do not mutate it afterwards. */
  constructor(packed: PackedParcels, opts: TileIndexOptions = {}) {
    this.p = packed;
    this.extent = opts.extent ?? 4096;
    this.buffer = opts.buffer ?? 64;
    this.aggGrid = opts.aggGrid ?? 32;
    this.colNames = Object.keys(packed.columns);
    const maxZoom = opts.maxZoom ?? 14;
    const t0 = now();
    // Everything here works in degrees: Mercator is monotone per axis, so a bbox projects by its corners, and a
    // parcel's Mercator area is its degree area × sec(lat) / 360² (exact enough for a display density).
    // Vertices are projected per tile, only for the parcels a tile needs.
    this.m = positionsOf(packed);
    const { X, Y, stride: st, yOff: yo } = this.m;
    const n = packed.count;
    this.bbox = new Float64Array(n * 4);
    this.cx = new Float64Array(n);
    this.cy = new Float64Array(n);
    this.area = new Float64Array(n);
    const { featStart, polyStart, ringStart } = packed;
    let indexed = 0;
    const ok = new Uint8Array(n);
    // the packer already read every vertex: trust its bbox (NaN = no finite geometry); else read them once here
    const given = packed.bbox && packed.bbox.length === n * 4 ? packed.bbox : packedBBoxes(packed);
    const givenArea = packed.areaM2 && packed.areaM2.length === n ? packed.areaM2 : null;
    for (let f = 0; f < n; f++) {
      const minX = given[f * 4];
      const minY = given[f * 4 + 1];
      const maxX = given[f * 4 + 2];
      const maxY = given[f * 4 + 3];
      const finite = Number.isFinite(minX) && Number.isFinite(minY) && Number.isFinite(maxX) && Number.isFinite(maxY);
      let a = 0;
      const needArea = !givenArea || !(givenArea[f] >= 0);
      if (needArea) {
        for (let p = featStart[f]; p < featStart[f + 1]; p++) {
          for (let r = polyStart[p]; r < polyStart[p + 1]; r++) {
            let s = 0;
            const r0 = ringStart[r];
            const r1 = ringStart[r + 1];
            for (let i = r0, j = r1 - 1; i < r1; j = i++) s += X[j * st] * Y[i * st + yo] - X[i * st] * Y[j * st + yo];
            a += r === polyStart[p] ? Math.abs(s / 2) : -Math.abs(s / 2);
          }
        }
      }
      if (finite && minX <= maxX && minY <= maxY) {
        ok[f] = 1;
        indexed++;
        // Mercator bbox: west, north (min y), east, south (max y)
        const x0 = mercX(minX);
        const x1 = mercX(maxX);
        const y0 = mercY(maxY);
        const y1 = mercY(minY);
        this.bbox[f * 4] = x0;
        this.bbox[f * 4 + 1] = y0;
        this.bbox[f * 4 + 2] = x1;
        this.bbox[f * 4 + 3] = y1;
        this.cx[f] = (x0 + x1) / 2;
        this.cy[f] = (y0 + y1) / 2;
        const cosC = Math.cos(((minY + maxY) / 2) * (Math.PI / 180));
        // Mercator area (world = 1): from m² (1 unit² = C² cos²φ m²), else from the degree area (× sec φ / 360²)
        if (!needArea && givenArea) this.area[f] = givenArea[f] / (EARTH_CIRCUMFERENCE_M * EARTH_CIRCUMFERENCE_M * cosC * cosC);
        else this.area[f] = a > 0 ? a / (360 * 360 * cosC) : 0;
      }
    }
    const t1 = now();
    this.featOf = new Uint32Array(indexed);
    let bounds: TileIndexInfo['bounds'] = null;
    if (indexed > 0) {
      let W = Infinity;
      let S = -Infinity;
      let E = -Infinity;
      let N = Infinity;
      let k = 0;
      const b = this.bbox;
      for (let f = 0; f < n; f++) {
        if (!ok[f]) continue;
        this.featOf[k++] = f;
        if (b[f * 4] < W) W = b[f * 4];
        if (b[f * 4 + 2] > E) E = b[f * 4 + 2];
        if (b[f * 4 + 1] < N) N = b[f * 4 + 1];
        if (b[f * 4 + 3] > S) S = b[f * 4 + 3];
      }
      bounds = [lonOf(W), latOf(S), lonOf(E), latOf(N)];
    }
    // Busiest tile per zoom, by bbox centre: count at maxZoom, then merge children upwards.
    const busiestTile = new Array<number>(maxZoom + 1).fill(0);
    let counts = new Map<number, number>();
    const zs = 2 ** maxZoom;
    for (let f = 0; f < n; f++) {
      if (!ok[f]) continue;
      const tx = Math.min(zs - 1, Math.max(0, Math.floor(this.cx[f] * zs)));
      const ty = Math.min(zs - 1, Math.max(0, Math.floor(this.cy[f] * zs)));
      const key = tx * zs + ty;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (let z = maxZoom; z >= 0; z--) {
      let max = 0;
      for (const v of counts.values()) if (v > max) max = v;
      busiestTile[z] = max;
      if (z === 0) break;
      const next = new Map<number, number>();
      const side = 2 ** z;
      for (const [key, v] of counts) {
        const tx = Math.floor(key / side);
        const ty = key - tx * side;
        const pk = (tx >> 1) * (side / 2) + (ty >> 1);
        next.set(pk, (next.get(pk) ?? 0) + v);
      }
      counts = next;
    }
    let detailMinZoom = opts.detailMinZoom;
    if (detailMinZoom === undefined) {
      const budget = opts.maxParcelsPerTile ?? 6000;
      detailMinZoom = maxZoom;
      for (let z = maxZoom; z >= 0 && busiestTile[z] <= budget; z--) detailMinZoom = z;
    }
    detailMinZoom = Math.max(0, Math.min(maxZoom, Math.round(detailMinZoom)));
    this.info = {
      count: n,
      indexed,
      detailMinZoom,
      maxZoom,
      bounds,
      busiestTile,
      ms: { project: t1 - t0, index: now() - t1, spatialIndex: 0 },
    };
  }

  /**
   * Keep only features whose mask entry is non-zero (e.g. the parcels of the selected township), in parcel tiles
   * and aggregates alike; null shows all. Tiles cut before the call are stale: the caller reloads the source.
   */
  setMask(mask: Uint8Array | null): void {
    if (mask && mask.length !== this.p.count) throw new Error(`mask length ${mask.length} ≠ feature count ${this.p.count}`);
    this.mask = mask;
  }

  /** The MVT bytes of tile z/x/y, or null when the tile is empty. */
  getTile(z: number, x: number, y: number): ArrayBuffer | null {
    if (!this.featOf.length || z < 0 || z > this.info.maxZoom) return null;
    return z < this.info.detailMinZoom ? this.aggregateTile(z, x, y) : this.parcelTile(z, x, y);
  }

  private tags(f: number): Record<string, number> {
    const t: Record<string, number> = {};
    for (const name of this.colNames) {
      const v = this.p.columns[name][f];
      if (!Number.isNaN(v)) t[name] = v;
    }
    return t;
  }

  /** Build the spatial index now (the worker calls this when idle, so the first zoom to parcels does not wait). */
  warm(): void {
    if (this.index || !this.featOf.length) return;
    const t = now();
    const fb = new Flatbush(this.featOf.length);
    const b = this.bbox;
    for (const f of this.featOf) fb.add(b[f * 4], b[f * 4 + 1], b[f * 4 + 2], b[f * 4 + 3]);
    fb.finish();
    this.index = fb;
    this.info.ms.spatialIndex = now() - t;
  }

  private parcelTile(z: number, x: number, y: number): ArrayBuffer | null {
    this.warm();
    const index = this.index;
    if (!index) return null;
    const z2 = 2 ** z;
    const ext = this.extent;
    const buf = this.buffer;
    const k = buf / ext;
    const hits = index.search((x - k) / z2, (y - k) / z2, (x + 1 + k) / z2, (y + 1 + k) / z2);
    hits.sort((a, b) => a - b);
    const { featStart, polyStart, ringStart, ids } = this.p;
    const { X, Y, stride: st, yOff: yo } = this.m;
    const scale = z2 * ext;
    const ox = x * ext;
    const oy = y * ext;
    const lo = -buf;
    const hi = ext + buf;
    const out = new MvtLayerWriter(PARCEL_LAYER, ext);
    const mask = this.mask;
    for (const h of hits) {
      const f = this.featOf[h];
      if (mask && !mask[f]) continue;
      const b = this.bbox;
      const inside =
        b[f * 4] * scale - ox >= lo && b[f * 4 + 1] * scale - oy >= lo && b[f * 4 + 2] * scale - ox <= hi && b[f * 4 + 3] * scale - oy <= hi;
      const rings: [number, number][][] = [];
      for (let p = featStart[f]; p < featStart[f + 1]; p++) {
        for (let r = polyStart[p]; r < polyStart[p + 1]; r++) {
          let pts: [number, number][] = [];
          let r1 = ringStart[r + 1];
          const r0 = ringStart[r];
          // GeoJSON rings repeat the first point at the end; drop it (MVT closes rings itself).
          if (r1 - r0 > 1 && X[r0 * st] === X[(r1 - 1) * st] && Y[r0 * st + yo] === Y[(r1 - 1) * st + yo]) r1--;
          for (let i = r0; i < r1; i++) pts.push([mercX(X[i * st]) * scale - ox, mercY(Y[i * st + yo]) * scale - oy]);
          if (!inside) pts = clipRing(pts, lo, hi);
          const q: [number, number][] = [];
          for (const pt of pts) {
            const X = Math.round(pt[0]);
            const Y = Math.round(pt[1]);
            const last = q[q.length - 1];
            if (!last || last[0] !== X || last[1] !== Y) q.push([X, Y]);
          }
          while (q.length > 1 && q[0][0] === q[q.length - 1][0] && q[0][1] === q[q.length - 1][1]) q.pop();
          const a = q.length >= 3 ? surveyorArea(q) : 0;
          const outer = r === polyStart[p];
          if (a === 0) {
            if (outer) break; // the outer ring vanished at this zoom: drop the polygon with its holes
            continue;
          }
          if (outer !== a > 0) q.reverse();
          rings.push(q);
        }
      }
      if (rings.length) out.add({ id: ids[f], rings, props: this.tags(f) });
    }
    return encodeTile([out]);
  }

  private aggregateTile(z: number, x: number, y: number): ArrayBuffer | null {
    const z2 = 2 ** z;
    const G = this.aggGrid;
    const sums = new Float64Array(G * G);
    const counts = new Uint32Array(G * G);
    // A linear scan over the centres beats an index search here: low-zoom tiles hold most of the layer.
    const { cx, cy, mask } = this;
    for (let k = 0; k < this.featOf.length; k++) {
      const f = this.featOf[k];
      if (mask && !mask[f]) continue;
      const gx = Math.floor((cx[f] * z2 - x) * G);
      if (gx < 0 || gx >= G) continue;
      const gy = Math.floor((cy[f] * z2 - y) * G);
      if (gy < 0 || gy >= G) continue; // centre in another tile: counted there
      sums[gy * G + gx] += this.area[f];
      counts[gy * G + gx]++;
    }
    const cellArea = (1 / (z2 * G)) ** 2;
    const step = this.extent / G;
    const out = new MvtLayerWriter(AGG_LAYER, this.extent);
    for (let gy = 0; gy < G; gy++) {
      for (let gx = 0; gx < G; gx++) {
        const n = counts[gy * G + gx];
        if (!n) continue;
        const x0 = Math.round(gx * step);
        const y0 = Math.round(gy * step);
        const x1 = Math.round((gx + 1) * step);
        const y1 = Math.round((gy + 1) * step);
        const share = Math.min(1, Math.round((sums[gy * G + gx] / cellArea) * 1000) / 1000);
        // Clockwise with y down: an MVT exterior ring.
        const ring: [number, number][] = [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
        ];
        out.add({ rings: [ring], props: { n, share } });
      }
    }
    return encodeTile([out]);
  }
}
