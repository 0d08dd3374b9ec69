/**
 * Well-Known Binary for the parcels' Polygon / MultiPolygon geometries: EWKB (with SRID) for binary COPY, as is or
 * projected to Web Mercator, and WKB
 * read back from ST_AsBinary. Doubles travel bit for bit, so a parcel read back from the database has exactly
 * the coordinates the engine measured at load (its areas recompute identically).
 */
import { flatOf } from '../core/io/flatGeometry';
import type { AreaGeometry, PolygonCoords } from '../core/types';

const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;
const EWKB_SRID_FLAG = 0x20000000;

/** Hex EWKB (little-endian, SRID set) of a Polygon or MultiPolygon; only x and y are kept. */
export function toHexEwkb(g: AreaGeometry, srid: number): string {
  const f = flatParts(g);
  const buf = Buffer.allocUnsafe(ewkbSize(f));
  writeEwkb(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), 0, f, srid);
  return buf.toString('hex');
}

/** Web Mercator (EPSG:3857) of a lon/lat position, as PROJ's spherical `merc` computes it for ST_Transform. */
const WGS84_A = 6378137;
const DEG = Math.PI / 180;
export function mercatorX(lon: number): number {
  return WGS84_A * (lon * DEG);
}
export function mercatorY(lat: number): number {
  return WGS84_A * Math.asinh(Math.tan(lat * DEG));
}

/** The parts and rings of an area geometry as flat arrays: the importer's store, or built once from nested arrays. */
export interface FlatParts {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  ringStart: ArrayLike<number>;
  partStart: ArrayLike<number>;
  /** The geometry's parts are [p0, p1). */
  p0: number;
  p1: number;
  multi: boolean;
}

export function flatParts(g: AreaGeometry): FlatParts {
  const fg = flatOf(g);
  if (fg) {
    const { xs, ys, ringStart, partStart, featurePart } = fg.store;
    return { xs, ys, ringStart, partStart, p0: featurePart[fg.feature], p1: featurePart[fg.feature + 1], multi: fg.type === 'MultiPolygon' };
  }
  const polys: PolygonCoords[] = g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
  const xs: number[] = [];
  const ys: number[] = [];
  const ringStart = [0];
  const partStart = [0];
  for (const p of polys) {
    for (const ring of p) {
      for (const pt of ring) {
        xs.push(pt[0]);
        ys.push(pt[1]);
      }
      ringStart.push(xs.length);
    }
    partStart.push(ringStart.length - 1);
  }
  return { xs, ys, ringStart, partStart, p0: 0, p1: polys.length, multi: g.type === 'MultiPolygon' };
}

/** The EWKB size in bytes of a geometry's parts (writeEwkb). */
export function ewkbSize(f: FlatParts): number {
  const { ringStart, partStart, p0, p1, multi } = f;
  const last = multi ? p1 : p0 + 1;
  let size = 9 + (multi ? 4 + (p1 - p0) * 5 : 0);
  for (let p = p0; p < last; p++) {
    size += 4;
    for (let r = partStart[p]; r < partStart[p + 1]; r++) size += 4 + (ringStart[r + 1] - ringStart[r]) * 16;
  }
  return size;
}

/**
 * Write EWKB (little-endian, SRID set) of a Polygon or MultiPolygon in place at `at` (ewkbSize bytes, e.g. a
 * binary COPY field): the coordinates as they are, or projected to Web Mercator (`mercator`: x, y in metres of
 * EPSG:3857, for the tiles' stored column). A MultiPolygon stays one even with a single part.
 */
export function writeEwkb(v: DataView, at: number, f: FlatParts, srid: number, mercator = false): void {
  const { xs, ys, ringStart, partStart, p0, p1, multi } = f;
  const last = multi ? p1 : p0 + 1;
  let o = at;
  v.setUint8(o, 1);
  v.setUint32(o + 1, (multi ? WKB_MULTIPOLYGON : WKB_POLYGON) | EWKB_SRID_FLAG, true);
  v.setUint32(o + 5, srid, true);
  o += 9;
  if (multi) {
    v.setUint32(o, p1 - p0, true);
    o += 4;
  }
  for (let p = p0; p < last; p++) {
    if (multi) {
      v.setUint8(o, 1);
      v.setUint32(o + 1, WKB_POLYGON, true);
      o += 5;
    }
    v.setUint32(o, partStart[p + 1] - partStart[p], true);
    o += 4;
    for (let r = partStart[p]; r < partStart[p + 1]; r++) {
      const a = ringStart[r];
      const b = ringStart[r + 1];
      v.setUint32(o, b - a, true);
      o += 4;
      if (mercator)
        for (let k = a; k < b; k++, o += 16) {
          v.setFloat64(o, mercatorX(xs[k]), true);
          v.setFloat64(o + 8, mercatorY(ys[k]), true);
        }
      else
        for (let k = a; k < b; k++, o += 16) {
          v.setFloat64(o, xs[k], true);
          v.setFloat64(o + 8, ys[k], true);
        }
    }
  }
}

/** Read WKB (either byte order, 2D, optionally EWKB with SRID) of a Polygon or MultiPolygon. */
export function fromWkb(buf: Uint8Array): AreaGeometry {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = 0;
  const header = (): { le: boolean; type: number } => {
    const le = view.getUint8(o) === 1;
    o += 1;
    const raw = view.getUint32(o, le);
    o += 4;
    if (raw & EWKB_SRID_FLAG) o += 4;
    if (raw & 0xc0000000) throw new Error('WKB with Z or M coordinates is not expected here');
    return { le, type: raw & 0xffff };
  };
  const polygon = (le: boolean): number[][][] => {
    const nr = view.getUint32(o, le);
    o += 4;
    const rings: number[][][] = [];
    for (let r = 0; r < nr; r++) {
      const np = view.getUint32(o, le);
      o += 4;
      const ring: number[][] = new Array(np);
      for (let i = 0; i < np; i++) {
        ring[i] = [view.getFloat64(o, le), view.getFloat64(o + 8, le)];
        o += 16;
      }
      rings.push(ring);
    }
    return rings;
  };
  const h = header();
  if (h.type === WKB_POLYGON) return { type: 'Polygon', coordinates: polygon(h.le) };
  if (h.type === WKB_MULTIPOLYGON) {
    const n = view.getUint32(o, h.le);
    o += 4;
    const polys: number[][][][] = [];
    for (let i = 0; i < n; i++) {
      const ph = header();
      if (ph.type !== WKB_POLYGON) throw new Error(`MultiPolygon member of WKB type ${ph.type}`);
      polys.push(polygon(ph.le));
    }
    return { type: 'MultiPolygon', coordinates: polys };
  }
  throw new Error(`WKB geometry type ${h.type} is not a Polygon or MultiPolygon`);
}
