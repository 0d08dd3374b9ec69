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
  const byKind = new Map<string, { fid: number; pid: string; geometry: AreaGeometry; props: Record<string, unknown> }[]>();
  for (const row of r.rows) {
    const list = byKind.get(row.kind) ?? [];
    list.push({ fid: row.pos, pid: row.pid, geometry: fromWkb(row.wkb), props: row.props });
    byKind.set(row.kind, list);
  }
  const out: Layer[] = [];
  for (const { kind } of order.rows) {
    if (kinds?.length && !kinds.includes(kind)) continue;
    const m = meta.rows.find((x) => x.kind === kind)!;
    const rows = byKind.get(kind) ?? [];
    const layer = layerFromRows(kind, m.name, m.file, rows);
    // ids as loaded (the stored parcel id: BSM, feature id or #index); a parcel's index is its row's position
    for (const p of layer.parcels) p.id = rows[p.index].pid;
    out.push(layer);
  }
  return out;
}

/**
 * Degrees added around a parcel's (float4, outward-rounded) PostGIS box before asking whether the site's boundary
 * crosses it: far above the engine's own margin (NEAR_DEG ≈ 1 mm), so a parcel the database calls "deep" is one
 * the engine would also find with no site edge near its bbox.
 */
const DEEP_MARGIN_DEG = 1e-6;

/**
 * The same parcels as layersInBox, lean, for the engine's impact: stored attributes and areas, no original
 * properties (impact does not read them) — a third of the bytes to fetch and nothing re-measured.
 *
 * Only parcels whose box the site's boundary crosses come with their geometry. A parcel whose box (plus a margin)
 * lies wholly inside the site is taken by the engine whole, at its stored area (overlayRegion: no site edge near
 * its bbox, first vertex inside → area = areaM2), so it comes as its first vertex only (a zero-area placeholder
 * with that vertex and a point bbox): the engine classifies it the same way and counts the same stored area.
 * Parcels wholly outside are not fetched. An overlap inside the layer needs the real geometry of both parcels, so
 * a parcel of any overlapping pair the engine found at load (fa_overlap, either side) always comes with its geometry.
 */
export async function impactLayersInBox(pool: Pool, box: BBox4, site?: readonly AreaGeometry[]): Promise<Layer[]> {
  const params: unknown[] = [...box];
  let deepSql = 'false';
  let outsideSql = 'false';
  if (site?.length) {
    params.push(JSON.stringify({ type: 'GeometryCollection', geometries: site }), DEEP_MARGIN_DEG);
    // site pieces collected (not unioned): the boundary of every piece counts, so "deep" is only ever stricter
    deepSql = `NOT ovp AND NOT ST_Intersects(s.edge, eb)`;
    outsideSql = `${deepSql} AND NOT ST_Intersects(s.g, eb)`;
  }
  const siteCte = site?.length
    ? `s AS (SELECT g, ST_Boundary(g) AS edge FROM (SELECT ST_SetSRID(ST_CollectionExtract(ST_GeomFromGeoJSON($5), 3), 4490) AS g) x),`
    : 's AS (SELECT NULL::geometry AS g, NULL::geometry AS edge),';
  const r = await pool.query<{ kind: LayerKind; pos: number; pid: string; attrs: ParcelAttrs; area_m2: number; wkb: Buffer | null; fx: number | null; fy: number | null }>(
    `WITH ${siteCte}
     b AS (
       SELECT p.kind, p.pos, p.pid, p.attrs, p.area_m2, p.geom, c.ord,
              ST_SetSRID(ST_Expand(p.geom::box2d, ${site?.length ? '$6' : '0'})::geometry, 4490) AS eb,
              o.pos IS NOT NULL AS ovp
       FROM fa_parcel p JOIN fa_county c ON c.county = p.county
       LEFT JOIN (SELECT county, kind, a_pos AS pos FROM fa_overlap UNION SELECT county, kind, b_pos FROM fa_overlap) o
         ON o.county = p.county AND o.kind = p.kind AND o.pos = p.pos
       WHERE p.geom && ST_MakeEnvelope($1, $2, $3, $4, 4490)
     ),
     k AS (SELECT b.*, (${deepSql}) AS deep, (${outsideSql}) AS outside FROM b, s)
     SELECT kind, pos, pid, attrs, area_m2,
            CASE WHEN deep THEN NULL ELSE ST_AsBinary(geom) END AS wkb,
            CASE WHEN deep THEN ST_X(ST_StartPoint(ST_ExteriorRing(ST_GeometryN(geom, 1)))) END AS fx,
            CASE WHEN deep THEN ST_Y(ST_StartPoint(ST_ExteriorRing(ST_GeometryN(geom, 1)))) END AS fy
     FROM k WHERE NOT outside
     ORDER BY ord, pos`,
    params,
  );
  const layersMeta = await pool.query<{ kind: LayerKind; name: string; file: string }>(
    'SELECT l.kind, min(l.name) AS name, min(l.file) AS file FROM fa_layer l JOIN fa_county c ON c.county = l.county GROUP BY l.kind ORDER BY min(c.ord * 1000 + l.ord)',
  );
  const byKind = new Map<string, { pos: number; pid: string; attrs: ParcelAttrs; areaM2: number; geometry: AreaGeometry }[]>();
  for (const row of r.rows) {
    const list = byKind.get(row.kind) ?? [];
    const geometry: AreaGeometry = row.wkb
      ? fromWkb(row.wkb)
      : { type: 'Polygon', coordinates: [[[row.fx!, row.fy!], [row.fx!, row.fy!], [row.fx!, row.fy!], [row.fx!, row.fy!]]] };
    list.push({ pos: row.pos, pid: row.pid, attrs: row.attrs, areaM2: row.area_m2, geometry });
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
