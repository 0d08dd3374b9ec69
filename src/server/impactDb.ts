/**
 * A site's occupation impact on the province: the engine's report, with the database doing the bulk.
 *
 * First the grid cells of the site's box (impactCells.ts: per-cell pre-aggregates stored at load): each cell's
 * extent, grown by CELL_MARGIN_DEG, is covered by the site, missed, or crossed by a site edge — the engine's own
 * tests on its prepared site; a crossed coarse cell's fine cells are classified in turn. A covered cell's parcels
 * are all ones the engine takes whole: their ids and records (stored 图斑面积, 地类面积, position, group key) are read
 * as they are, concatenated per county and kind. The parcels of crossed cells (and parcels that are cells of their
 * own) are the candidates of the statement below — looked up by primary key, not by scanning the site's box —, run
 * beside the cell statement on a second connection. (A county loaded without cells: every parcel of the box.)
 *
 * The statement classifies every candidate whose box meets the site's box. The site's (unioned) boundary is cut into
 * pieces of ≤ SEGMENT_DEG; the parcels whose (float4, outward-rounded) PostGIS box, grown by DEEP_MARGIN_DEG, meets
 * a piece's box are found through the GiST index — the only ones a site edge can come near. Then:
 *   - no edge near, one corner of its box inside the site, not in a stored overlap pair, more than contact: the
 *     engine would take it whole at its own stored area (overlayRegion: no site edge near its bbox, first vertex
 *     inside → areaM2), so SQL sums the stored 图斑面积 / 地类面积 by the keys impact groups by (地类, grade, slope,
 *     GDDJ as read, county) and lists the parcels (id, position, areas) in load order;
 *   - an edge near and the grown box meeting the site, or in an overlap pair (it needs the real geometry): sent
 *     with geometry and attributes, and the engine's overlay clips it;
 *   - otherwise (wholly outside) not sent.
 * The engine's tallies of the crossing parcels plus the SQL groups and pieces and the cells' records assemble the report with the
 * engine's own code (core/analysis/impactTally.ts, impactFromTallies): the figures equal computeImpact's on the
 * whole layers (within float summation order, ≤ 1e-12 relative), the parcel list is the same and in the same order.
 * `pieceIndex` is each parcel's position in its county's layer file (`pos`); `stats` say how the server resolved
 * the candidates (the parcels SQL summed or read from cells count as candidates taken whole; the wholly-outside
 * ones are not counted) — the same stats with or without cells.
 */
import type { AnalysisConfig } from '../core/analysis/config';
import { type ImpactReport, impactFromTallies } from '../core/analysis/impact';
import { addWholeGroup, GRADE_SLOT_KEYS, LAND_SLOT_KEYS, type LayerTally, mergeWholePieces, SLOPE_SLOT_KEYS, tallyOverlay } from '../core/analysis/impactTally';
import type { AreaBasis } from '../core/area/netArea';
import { greenOverlay, pointInPrepared } from '../core/overlay/greenArea';
import { CONTACT_MIN_M2, overlayRegion, type PreparedRegion, prepareRegion } from '../core/overlay/siteOverlay';
import type { AreaGeometry, LayerKind, ParcelAttrs } from '../core/types';
import type { Pool } from './db';
import { layerFromStored } from './engine';
import { LVL } from './impactCells';
import { type CellKey, loadOrder, type Row, wholeParcels } from './impactWhole';
import { fromWkb } from './wkb';

export { loadOrder };

/**
 * Degrees added around a parcel's PostGIS box before asking whether it lies inside the site: far above the
 * engine's own margin (≈ 1 mm), so a parcel the database calls "inside" is one the engine takes whole.
 */
export const DEEP_MARGIN_DEG = 1e-6;

/** Longest piece (degrees, ≈ 500 m) of the site's boundary looked up on its own: short pieces have small boxes. */
const SEGMENT_DEG = 0.005;

/**
 * Degrees added around a cell's extent before asking whether the site covers it or misses it: above the float4
 * rounding of PostGIS boxes (≤ 1.6e-5° at these longitudes) plus DEEP_MARGIN_DEG, so every parcel of a covered
 * cell is one the statement below would take whole (or send to the engine, which takes it whole), and no parcel of
 * a missed cell is one it would send.
 */
export const CELL_MARGIN_DEG = 5e-5;

/** Are all the site's pieces valid for PostGIS (else the statement sends every parcel of the box to the engine)? */
const VALID = 'coalesce((SELECT bool_and(ST_IsValid(d.geom)) FROM ST_Dump(r) d), false)';


const SQL = `
WITH s AS MATERIALIZED (
  -- the site's pieces unioned, when each is valid; otherwise (ok = false) every parcel of its box goes to the engine
  SELECT r, ok, CASE WHEN ok THEN ST_UnaryUnion(r) END AS g
  FROM (SELECT r, ${VALID} AS ok
        FROM (SELECT ST_SetSRID(ST_CollectionExtract(ST_GeomFromGeoJSON($1), 3), 4490) AS r) a) x
),
-- the site's boundary cut into short segments, each segment's box grown by the margin: parcels whose box meets
-- one of them (found through the GiST index, a few per segment) are the only ones a site edge can come near
seg AS MATERIALIZED (
  -- (through an array: unnest's row estimate is small where ST_DumpSegments' is 1000, which would size the hash
  -- tables below for 600k parcels and cost more than the whole query of a small site)
  SELECT ST_SetSRID(bx::geometry, 4490) AS bx
  FROM s, unnest((SELECT array_agg(ST_Expand(d.geom::box2d, $2)) FROM ST_DumpSegments(ST_Segmentize(ST_Boundary(s.g), $5)) d)) AS bx
  WHERE s.ok
),
-- (only in the counties the site's box meets, $9: their partitions alone are planned, not every county's per segment)
near AS MATERIALIZED (SELECT DISTINCT p.county, p.kind, p.pos FROM seg JOIN fa_parcel p ON p.geom && seg.bx AND p.county = ANY($9::text[])),
-- the parcels to classify one by one: those of the cells a site edge comes near (and of the parcels that are cells
-- of their own), looked up by primary key; every parcel of the box in a county loaded without cells
q AS (
  SELECT c.county, c.kind, array_agg(x) AS ps
  FROM fa_impact_cell c, unnest(c.pos) AS x
  WHERE (c.county, c.id) IN (SELECT * FROM unnest($6::text[], $7::int[]))
  GROUP BY c.county, c.kind
),
b AS (
  -- (the columns the classification reads, not the parcel's whole row)
  SELECT x.county, x.kind, x.pos, x.pid, x.area_m2, x.net_m2, x.land_key, x.grade_key, x.slope_key, x.county_key, x.gddj, x.attrs, x.geom, x.in_overlap FROM q JOIN LATERAL (SELECT p.county, p.kind, p.pos, p.pid, p.area_m2, p.net_m2, p.land_key, p.grade_key, p.slope_key, p.county_key, p.gddj, p.attrs, p.geom, p.in_overlap FROM fa_parcel p WHERE p.county = q.county AND p.kind = q.kind AND p.pos = ANY(q.ps)) x ON true
  UNION ALL
  SELECT p.county, p.kind, p.pos, p.pid, p.area_m2, p.net_m2, p.land_key, p.grade_key, p.slope_key, p.county_key, p.gddj, p.attrs, p.geom, p.in_overlap FROM fa_parcel p, s WHERE p.county = ANY($8::text[]) AND p.geom && ST_Envelope(s.r)
),
k AS MATERIALIZED (
  SELECT kind, ord, pos, pid, area_m2, net_m2, land_key, grade_key, slope_key, county_key, cls = 1 AS deep,
         CASE WHEN cls = 2 THEN attrs END AS attrs, CASE WHEN cls = 2 THEN geom END AS geom,
         CASE WHEN cls = 1 THEN coalesce(gddj::float8, (attrs->>'gddj')::float8) END AS dgrade
  FROM (
    -- each candidate classified once (the fence OFFSET 0 keeps the tests from being inlined into every place that
    -- reads cls, which ran them up to three times a parcel):
    --   2 (sent): the site could not be prepared, or in an overlap pair, or a site edge near its box — when its
    --     grown box meets the site;
    --   1 (inside): otherwise, one corner of its box inside the site (no edge near: the box is wholly inside or
    --     wholly outside, and a point-in-polygon test tells which, no clipping), more than contact;
    --   0: wholly outside, or only in contact
    SELECT p.kind, array_position($4::text[], p.county) AS ord, p.pos, p.pid, p.area_m2, p.net_m2, p.land_key, p.grade_key, p.slope_key,
           p.county_key, p.gddj, p.attrs, p.geom,
           CASE WHEN NOT s.ok OR p.in_overlap OR (p.county, p.kind, p.pos) IN (SELECT county, kind, pos FROM near) THEN
                  CASE WHEN NOT s.ok OR p.in_overlap OR ST_Intersects(s.g, ST_SetSRID(ST_Expand(p.geom::box2d, $2)::geometry, 4490)) THEN 2 ELSE 0 END
                WHEN p.area_m2 > $3 AND ST_Intersects(s.g, ST_SetSRID(ST_Point(ST_XMin(p.geom::box2d), ST_YMin(p.geom::box2d)), 4490)) THEN 1
                ELSE 0 END AS cls
    FROM b p, s
    WHERE p.geom && ST_Envelope(s.r)
    OFFSET 0
  ) c
  WHERE cls > 0
)
SELECT 'e' AS t, kind, ord, pos, pid, attrs, area_m2, ST_AsBinary(geom) AS wkb, NULL::json AS j, NULL::text AS ids, NULL::bytea AS cols FROM k WHERE NOT deep
UNION ALL
SELECT 'g', kind, NULL, NULL, NULL, NULL, NULL, NULL,
       json_build_array(land_key, grade_key, slope_key, dgrade, county_key, count(*), sum(area_m2 ORDER BY ord, pos), sum(net_m2 ORDER BY ord, pos)), NULL, NULL
FROM k WHERE deep GROUP BY kind, land_key, grade_key, slope_key, dgrade, county_key
UNION ALL
SELECT 'w', kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL, array_to_json(array_agg(pid))::text,
       string_agg(int4send(ord), '') || string_agg(int4send(pos), '') || string_agg(float8send(area_m2), '') || string_agg(float8send(net_m2), '')
FROM k WHERE deep GROUP BY kind
ORDER BY t, ord, pos`;

/**
 * The cells the site covers ($2 counties, $3 ids), as one row per county and kind (their ids and records
 * concatenated), and those counties' group keys; run beside SQL on a connection of its own.
 */
const cellSql = (withIds: boolean) => `
WITH ins AS (SELECT * FROM unnest($2::text[], $3::int[]) AS i(county, id))
-- (the records as base64: a third less to send and decode than bytea's hex text)
SELECT 'c' AS t, c.kind, array_position($1::text[], c.county) AS ord, NULL::json AS j, ${withIds ? "string_agg(c.ids, ',' ORDER BY c.id)" : 'NULL::text'} AS ids, encode(string_agg(c.cols, '' ORDER BY c.id), 'base64') AS cols
FROM fa_impact_cell c WHERE (c.county, c.id) IN (SELECT county, id FROM ins) GROUP BY c.county, c.kind
UNION ALL
SELECT 'd', NULL, array_position($1::text[], c.county), c.keys, NULL, NULL
FROM fa_impact_cell c WHERE c.id = 0 AND c.county IN (SELECT county FROM ins)`;
const CELL_SQL = cellSql(true);
/** The same without the cells' parcel ids (the live figures while drawing need sums, not the ~85k ids of a 20 km site). */
const CELL_SQL_NO_IDS = cellSql(false);

/**
 * The engine's impact report of a site on the province's layers (the layers of every loaded county, by kind), and
 * how many parcels were summed by the database (`summedInSql`, of which `fromCells` came as cells' pre-aggregates)
 * and how many sent to the engine.
 */
export async function impactFromDb(
  pool: Pool,
  site: readonly AreaGeometry[],
  config?: AnalysisConfig,
  opts: { regionCode?: string; basis?: AreaBasis; withIds?: boolean } = {},
): Promise<{ report: ImpactReport; summedInSql: number; sentToEngine: number; fromCells: number }> {
  // withIds false: the parcels read as cell pre-aggregates keep their places, areas and sums but carry '' for their
  // ids — the report's figures are the same (summed in the same order), its id lists are not (the live figures)
  const withIds = opts.withIds !== false;
  const region = prepareRegion(site);
  const siteJson = JSON.stringify({ type: 'GeometryCollection', geometries: site });
  const R = region.prepared;
  // cells only for a site the engine and PostGIS both take as it is
  const usable = region.failures.length === 0 && R.ok && R.n > 0 && region.bbox.every(Number.isFinite);
  const rb = region.bbox;
  const [counties, meta, valid, cellRows] = await Promise.all([
    pool.query<{ county: string; cells: boolean }>('SELECT c.county, EXISTS (SELECT 1 FROM fa_impact_cell k WHERE k.county = c.county AND k.id = 0) AS cells FROM fa_county c ORDER BY c.ord'),
    pool.query<{ kind: LayerKind; name: string; file: string }>(
      'SELECT l.kind, min(l.name) AS name, min(l.file) AS file FROM fa_layer l JOIN fa_county c ON c.county = l.county GROUP BY l.kind ORDER BY min(c.ord * 1000 + l.ord)',
    ),
    usable ? pool.query<{ ok: boolean }>(`SELECT ${VALID} AS ok FROM (SELECT ST_SetSRID(ST_CollectionExtract(ST_GeomFromGeoJSON($1), 3), 4490) AS r) a`, [siteJson]) : undefined,
    usable
      ? pool.query<CellRow>('SELECT county, id, lvl, x0, y0, x1, y1, subs FROM fa_impact_cell WHERE lvl IN (0, 2) AND ext && ST_MakeEnvelope($1, $2, $3, $4, 4490)', [
          rb[0] - CELL_MARGIN_DEG, rb[1] - CELL_MARGIN_DEG, rb[2] + CELL_MARGIN_DEG, rb[3] + CELL_MARGIN_DEG,
        ])
      : undefined,
  ]);
  const withCells = usable && valid?.rows[0]?.ok === true;
  const cells = classifyCells(region, withCells ? cellRows?.rows ?? [] : [], usable && !withCells);
  const boxCounties = counties.rows.filter((c) => !c.cells || !usable).map((c) => c.county);
  const order = counties.rows.map((c) => c.county);
  // the parcels classified one by one and the covered cells' pre-aggregates, side by side on two connections
  const [r, rc] = await Promise.all([
    pool.query<Row>(SQL, [
      siteJson, DEEP_MARGIN_DEG, CONTACT_MIN_M2, order, SEGMENT_DEG, cells.near.map((c) => c.county), cells.near.map((c) => c.id), boxCounties,
      // the counties the site's box meets: those with a cell there, and every county read without cells
      [...new Set([...(cellRows?.rows ?? []).map((c) => c.county), ...boxCounties])],
    ]),
    cells.inside.length > 0 ? pool.query<Row>(withIds ? CELL_SQL : CELL_SQL_NO_IDS, [order, cells.inside.map((c) => c.county), cells.inside.map((c) => c.id)]) : undefined,
  ]);
  const edge = new Map<string, Extract<Row, { t: 'e' }>[]>();
  const groups = new Map<string, Extract<Row, { t: 'g' }>[]>();
  const wholes = new Map<string, Extract<Row, { t: 'w' }>>();
  const cellParts = new Map<string, Extract<Row, { t: 'c' }>[]>();
  const keysOf = new Map<number, CellKey[]>();
  for (const row of [...r.rows, ...(rc?.rows ?? [])]) {
    if (row.t === 'e') pushed(edge, row.kind, row);
    else if (row.t === 'g') pushed(groups, row.kind, row);
    else if (row.t === 'w') wholes.set(row.kind, row);
    else if (row.t === 'c') pushed(cellParts, row.kind, row);
    else keysOf.set(row.ord, row.j);
  }
  // Sums in a fixed order, whatever order the plan returns rows in: the float sums' last bits follow the order, and
  // the order changes (on the demo county both queries' rows came in another order some seconds after a fresh load,
  // so two identical requests answered differently; a plan may change with statistics, vacuum or settings).
  // In SQL: each group's parcels summed by (county, position), each county's cells joined by id; here: the groups by
  // their keys, the cells' rows by county.
  for (const list of groups.values()) list.sort((a, b) => compareKeys(a.j, b.j));
  for (const list of cellParts.values()) list.sort((a, b) => a.ord - b.ord);
  const stats = { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 };
  const failures: ImpactReport['failures'] = [];
  let summed = 0;
  let sent = 0;
  let fromCells = 0;
  const tallies: LayerTally[] = meta.rows.map((m) => {
    const rows = edge.get(m.kind) ?? [];
    sent += rows.length;
    const { t, order } = edgeTally(region, m, rows, { stats, failures });
    for (const g of groups.get(m.kind) ?? []) summed += addSqlGroup(t, g.j);
    const w = wholes.get(m.kind);
    const deep = wholeParcels(w, cellParts.get(m.kind) ?? [], keysOf);
    for (const g of deep.groups) {
      addWholeGroup(t, g);
      summed += g.parcels;
      fromCells += g.parcels;
    }
    const n = deep.ids.length;
    stats.candidates += n;
    stats.whole += n;
    const before = new Int32Array(n);
    for (let j = 0, i = 0; j < n; j++) {
      while (i < order.length && (order[i].ord < deep.ords[j] || (order[i].ord === deep.ords[j] && order[i].pos < deep.pos[j]))) i++;
      before[j] = i;
    }
    mergeWholePieces(t, { ids: deep.ids, index: deep.pos, areaM2: deep.areaM2, netM2: deep.netM2, before });
    return t;
  });
  return { report: impactFromTallies(region, tallies, { stats, failures }, config, opts), summedInSql: summed, sentToEngine: sent, fromCells };
}

interface CellRow {
  county: string;
  id: number;
  lvl: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  subs: Buffer | null;
}

/**
 * The cells of the site's box by what the site does to their extent grown by CELL_MARGIN_DEG, with the engine's
 * own tests on its prepared site (no site edge in the box: wholly inside or wholly outside, one point tells which):
 * covered (`inside`: their parcels' pre-aggregates), crossed by a site edge (`near`: their parcels classified one
 * by one; a coarse cell's fine cells are classified in turn), missed (neither). A parcel of its own is never read
 * as a pre-aggregate. `allNear`: every cell is near (the site is not one PostGIS takes as it is).
 */
function classifyCells(region: PreparedRegion, rows: readonly CellRow[], allNear: boolean): { inside: { county: string; id: number }[]; near: { county: string; id: number }[] } {
  const inside: { county: string; id: number }[] = [];
  const near: { county: string; id: number }[] = [];
  const g = greenOverlay();
  const rb = region.bbox;
  const M = CELL_MARGIN_DEG;
  /** 0 missed, 1 covered, 2 crossed */
  const relation = (x0: number, y0: number, x1: number, y1: number): number => {
    const b: [number, number, number, number] = [x0 - M, y0 - M, x1 + M, y1 + M];
    if (b[0] > rb[2] || b[2] < rb[0] || b[1] > rb[3] || b[3] < rb[1]) return 0;
    if (allNear || g.anyEdgeInBox(region.prepared, b)) return 2;
    return pointInPrepared(region.prepared, b[0], b[1]) ? 1 : 0;
  };
  for (const c of rows) {
    const rel = relation(c.x0, c.y0, c.x1, c.y1);
    if (rel === 0) continue;
    if (rel === 1 && c.lvl !== LVL.single) {
      inside.push(c);
      continue;
    }
    near.push(c);
    if (c.lvl !== LVL.coarse || !c.subs) continue;
    const v = new DataView(c.subs.buffer, c.subs.byteOffset, c.subs.length);
    for (let o = 0; o < c.subs.length; o += 36) {
      const f = { county: c.county, id: v.getInt32(o, true) };
      const fr = relation(v.getFloat64(o + 4, true), v.getFloat64(o + 12, true), v.getFloat64(o + 20, true), v.getFloat64(o + 28, true));
      if (fr === 1) inside.push(f);
      else if (fr === 2) near.push(f);
    }
  }
  return { inside, near };
}

/** A parcel the site's edge comes near, with what the engine needs to clip it. */
export interface EdgeRow {
  ord: number;
  pos: number;
  pid: string;
  attrs: ParcelAttrs;
  area_m2: number;
  wkb: Buffer;
}

/**
 * The engine's tally of a kind's parcels near the site's edge (overlayRegion on them; its stats and failures added
 * to `resolved`), its pieces' pieceIndex made their positions in their county's file, and the rows in the pieces'
 * order (for merging the whole parcels in load order).
 */
export function edgeTally<R extends EdgeRow>(
  region: PreparedRegion,
  m: { kind: LayerKind; name: string; file: string },
  rows: readonly R[],
  resolved: { stats: ImpactReport['stats']; failures: ImpactReport['failures'] },
): { t: LayerTally; order: R[] } {
  const layer = layerFromStored(m.kind, m.name, m.file, rows.map((e) => ({ pos: e.pos, pid: e.pid, attrs: e.attrs, areaM2: e.area_m2, geometry: fromWkb(e.wkb) })));
  const ov = overlayRegion(region, layer);
  for (const k of Object.keys(resolved.stats) as (keyof ImpactReport['stats'])[]) resolved.stats[k] += ov.stats[k];
  for (const f of ov.failures) resolved.failures.push({ layer: m.kind, ...f });
  const t = tallyOverlay(layer, ov);
  const order = Array.from(t.pieceIndex, (i) => rows[i]);
  t.pieceIndex = Int32Array.from(order, (e) => e.pos);
  return { t, order };
}

/** Add a group of wholly-inside parcels SQL summed ([地类, grade, slope, GDDJ as read, county key, parcels, Σ area, Σ net]); returns how many. */
export function addSqlGroup(t: LayerTally, j: [string, string, string, number | null, string, number, number, number]): number {
  const [land, grade, slope, dutyGrade, county, n, areaM2, netM2] = j;
  addWholeGroup(t, {
    land: slot(LAND_SLOT_KEYS, land), grade: slot(GRADE_SLOT_KEYS, grade), slope: slot(SLOPE_SLOT_KEYS, slope),
    dutyGrade: dutyGrade ?? Number.NaN, county: county === 'unknown' ? undefined : county, parcels: n, areaM2, netM2,
  });
  return n;
}

/** Two 'g' rows by their group keys (地类, grade, slope, GDDJ, county key): unique per kind. */
function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < 5; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function pushed<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function slot(keys: readonly string[], key: string): number {
  const i = keys.indexOf(key);
  // the stored keys are the engine's (parcelKeys): a land class other than the three 耕地 classes never occurs
  if (i < 0) throw new Error(`unexpected stored key ${JSON.stringify(key)}`);
  return i;
}
