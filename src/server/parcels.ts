/** Parcels read back from PostGIS: those whose bbox meets a box (for impact by the engine), and one for inspect. */
import type { AreaGeometry, LayerKind, ParcelAttrs } from '../core/types';
import type { Pool } from './db';
import { type Layer, layerFromRows, layerFromStored } from './engine';
import { fromWkb } from './wkb';

export type BBox4 = [number, number, number, number];

export function parseBBox(s: unknown): BBox4 | null {
  if (typeof s !== 'string') return null;
  const v = s.split(',').map(Number);
  if (v.length !== 4 || !v.every(Number.isFinite) || v[0] > v[2] || v[1] > v[3]) return null;
  return v as BBox4;
}

interface Row {
  county: string;
  kind: LayerKind;
  pos: number;
  pid: string;
  props: Record<string, unknown>;
  wkb: Buffer;
}

/**
 * The layers' parcels whose geometry's bbox meets `box` (EPSG:4490 degrees), in load order (county, then position
 * in the file) — the order the engine gives precedence in overlaps — as engine layers. Each kind is one layer.
 */
export async function layersInBox(pool: Pool, box: BBox4, kinds?: readonly string[]): Promise<Layer[]> {
  const params: unknown[] = [box[0], box[1], box[2], box[3]];
  let kindFilter = '';
  if (kinds?.length) {
    params.push(kinds);
    kindFilter = 'AND p.kind = ANY($5)';
  }
  const r = await pool.query<Row>(
    `SELECT p.county, p.kind, p.pos, p.pid, p.props, ST_AsBinary(p.geom) AS wkb
     FROM fa_parcel p JOIN fa_county c ON c.county = p.county
     WHERE p.geom && ST_MakeEnvelope($1, $2, $3, $4, 4490) ${kindFilter}
     ORDER BY c.ord, p.pos`,
    params,
  );
  const meta = await pool.query<{ kind: LayerKind; name: string; file: string }>(
    'SELECT DISTINCT ON (l.kind) l.kind, l.name, l.file FROM fa_layer l JOIN fa_county c ON c.county = l.county ORDER BY l.kind, c.ord, l.ord',
  );
  const order = await pool.query<{ kind: LayerKind }>('SELECT l.kind FROM fa_layer l JOIN fa_county c ON c.county = l.county GROUP BY l.kind ORDER BY min(c.ord * 1000 + l.ord)');
  const byKind = new Map<string, { fid: number; geometry: AreaGeometry; props: Record<string, unknown> }[]>();
  for (const row of r.rows) {
    const list = byKind.get(row.kind) ?? [];
    list.push({ fid: row.pos, geometry: fromWkb(row.wkb), props: { ...row.props, __pid: row.pid } });
    byKind.set(row.kind, list);
  }
  const out: Layer[] = [];
  for (const { kind } of order.rows) {
    if (kinds?.length && !kinds.includes(kind)) continue;
    const m = meta.rows.find((x) => x.kind === kind)!;
    const layer = layerFromRows(kind, m.name, m.file, byKind.get(kind) ?? []);
    // ids as loaded (the stored parcel id: BSM, feature id or #index)
    for (const p of layer.parcels) {
      const pid = p.props.__pid;
      if (typeof pid === 'string') p.id = pid;
      const { __pid: _drop, ...rest } = p.props;
      p.props = rest;
    }
    out.push(layer);
  }
  return out;
}

/**
 * The same parcels as layersInBox, lean, for the engine's impact: stored attributes and areas, no original
 * properties (impact does not read them) — a third of the bytes to fetch and nothing re-measured.
 */
export async function impactLayersInBox(pool: Pool, box: BBox4): Promise<Layer[]> {
  const r = await pool.query<{ kind: LayerKind; pos: number; pid: string; attrs: ParcelAttrs; area_m2: number; wkb: Buffer }>(
    `SELECT p.kind, p.pos, p.pid, p.attrs, p.area_m2, ST_AsBinary(p.geom) AS wkb
     FROM fa_parcel p JOIN fa_county c ON c.county = p.county
     WHERE p.geom && ST_MakeEnvelope($1, $2, $3, $4, 4490)
     ORDER BY c.ord, p.pos`,
    box,
  );
  const layersMeta = await pool.query<{ kind: LayerKind; name: string; file: string }>(
    'SELECT l.kind, min(l.name) AS name, min(l.file) AS file FROM fa_layer l JOIN fa_county c ON c.county = l.county GROUP BY l.kind ORDER BY min(c.ord * 1000 + l.ord)',
  );
  const byKind = new Map<string, { pos: number; pid: string; attrs: ParcelAttrs; areaM2: number; geometry: AreaGeometry }[]>();
  for (const row of r.rows) {
    const list = byKind.get(row.kind) ?? [];
    list.push({ pos: row.pos, pid: row.pid, attrs: row.attrs, areaM2: row.area_m2, geometry: fromWkb(row.wkb) });
    byKind.set(row.kind, list);
  }
  return layersMeta.rows.map((m) => layerFromStored(m.kind, m.name, m.file, byKind.get(m.kind) ?? []));
}

/** One parcel for inspect: original properties, normalised attributes, the engine's areas. */
export async function parcelInfo(pool: Pool, kind: string, county: string, pos: number) {
  const r = await pool.query(
    `SELECT county, kind, pos, fid, pid, code, attrs, props, area_m2, net_m2, eff_m2, vintage, ST_AsGeoJSON(geom)::json AS geometry
     FROM fa_parcel WHERE county = $1 AND kind = $2 AND pos = $3`,
    [county, kind, pos],
  );
  return r.rows[0] ?? null;
}

/** Parcels at a point (for inspect by click): the topmost of each kind. */
export async function parcelsAt(pool: Pool, lon: number, lat: number) {
  const r = await pool.query(
    `SELECT county, kind, pos, pid, props, area_m2, net_m2, eff_m2 FROM fa_parcel
     WHERE geom && ST_SetSRID(ST_MakePoint($1, $2), 4490) AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490))
     ORDER BY kind, county, pos LIMIT 50`,
    [lon, lat],
  );
  return r.rows;
}
