/**
 * Well-Known Binary for the parcels' Polygon / MultiPolygon geometries: hex EWKB (with SRID) for COPY, and WKB
 * read back from ST_AsBinary. Doubles travel bit for bit, so a parcel read back from the database has exactly
 * the coordinates the engine measured at load (its areas recompute identically).
 */
import { flatOf } from '../core/io/flatGeometry';
import type { AreaGeometry, PolygonCoords } from '../core/types';

const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;
const EWKB_SRID_FLAG = 0x20000000;

function polygonBytes(coords: PolygonCoords): number {
  let n = 4;
  for (const ring of coords) n += 4 + ring.length * 16;
  return n;
}

/** Hex EWKB straight from the importer's flat store (no nested arrays built). */
function flatHexEwkb(fg: NonNullable<ReturnType<typeof flatOf>>, srid: number): string {
  const { xs, ys, ringStart, partStart, featurePart } = fg.store;
  const f = fg.feature;
  const multi = fg.type === 'MultiPolygon';
  const p0 = featurePart[f];
  const p1 = featurePart[f + 1];
  const nPoly = multi ? p1 - p0 : 1;
  let size = 9 + (multi ? 4 + nPoly * 5 : 0);
  for (let p = p0; p < (multi ? p1 : p0 + 1); p++) {
    size += 4;
    for (let r = partStart[p]; r < partStart[p + 1]; r++) size += 4 + (ringStart[r + 1] - ringStart[r]) * 16;
  }
  const buf = Buffer.allocUnsafe(size);
  let o = buf.writeUInt8(1, 0);
  o = buf.writeUInt32LE((multi ? WKB_MULTIPOLYGON : WKB_POLYGON) | EWKB_SRID_FLAG, o);
  o = buf.writeUInt32LE(srid, o);
  if (multi) o = buf.writeUInt32LE(nPoly, o);
  for (let p = p0; p < (multi ? p1 : p0 + 1); p++) {
    if (multi) {
      o = buf.writeUInt8(1, o);
      o = buf.writeUInt32LE(WKB_POLYGON, o);
    }
    o = buf.writeUInt32LE(partStart[p + 1] - partStart[p], o);
    for (let r = partStart[p]; r < partStart[p + 1]; r++) {
      const a = ringStart[r];
      const b = ringStart[r + 1];
      o = buf.writeUInt32LE(b - a, o);
      for (let k = a; k < b; k++) {
        o = buf.writeDoubleLE(xs[k], o);
        o = buf.writeDoubleLE(ys[k], o);
      }
    }
  }
  return buf.toString('hex');
}

/** Hex EWKB (little-endian, SRID set) of a Polygon or MultiPolygon; only x and y are kept. */
export function toHexEwkb(g: AreaGeometry, srid: number): string {
  const fg = flatOf(g);
  if (fg) return flatHexEwkb(fg, srid);
  const polys: PolygonCoords[] = g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
  const multi = g.type === 'MultiPolygon';
  let size = 9 + (multi ? 4 + polys.length * 5 : 0);
  for (const p of polys) size += polygonBytes(p);
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  buf.writeUInt8(1, o++);
  buf.writeUInt32LE((multi ? WKB_MULTIPOLYGON : WKB_POLYGON) | EWKB_SRID_FLAG, o);
  o += 4;
  buf.writeUInt32LE(srid, o);
  o += 4;
  if (multi) {
    buf.writeUInt32LE(polys.length, o);
    o += 4;
  }
  for (const p of polys) {
    if (multi) {
      buf.writeUInt8(1, o++);
      buf.writeUInt32LE(WKB_POLYGON, o);
      o += 4;
    }
    buf.writeUInt32LE(p.length, o);
    o += 4;
    for (const ring of p) {
      buf.writeUInt32LE(ring.length, o);
      o += 4;
      for (const pt of ring) {
        buf.writeDoubleLE(pt[0], o);
        buf.writeDoubleLE(pt[1], o + 8);
        o += 16;
      }
    }
  }
  return buf.toString('hex');
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
