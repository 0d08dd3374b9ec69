/**
 * A site's occupation impact on the province: the engine's report, with the database doing the bulk.
 *
 * One statement classifies every parcel whose box meets the site's box. The site's (unioned) boundary is cut into
 * pieces of ≤ SEGMENT_DEG; the parcels whose (float4, outward-rounded) PostGIS box, grown by DEEP_MARGIN_DEG, meets
 * a piece's box are found through the GiST index — the only ones a site edge can come near. Then:
 *   - no edge near, one corner of its box inside the site, not in a stored overlap pair, more than contact: the
 *     engine would take it whole at its own stored area (overlayRegion: no site edge near its bbox, first vertex
 *     inside → areaM2), so SQL sums the stored 图斑面积 / 地类面积 by the keys impact groups by (地类, grade, slope,
 *     GDDJ as read, county) and lists the parcels (id, position, areas) in load order;
 *   - an edge near and the grown box meeting the site, or in an overlap pair (it needs the real geometry): sent
 *     with geometry and attributes, and the engine's overlay clips it;
 *   - otherwise (wholly outside) not sent.
 * The engine's tallies of the crossing parcels plus the SQL groups and pieces assemble the report with the
 * engine's own code (core/analysis/impactTally.ts, impactFromTallies): the figures equal computeImpact's on the
 * whole layers (within float summation order, ≤ 1e-12 relative), the parcel list is the same and in the same order.
 * `pieceIndex` is each parcel's position in its county's layer file (`pos`); `stats` say how the server resolved
 * the candidates (the parcels SQL summed count as candidates taken whole; the wholly-outside ones are not counted).
 */
import type { AnalysisConfig } from '../core/analysis/config';
import { type ImpactReport, impactFromTallies } from '../core/analysis/impact';
import { addWholeGroup, GRADE_SLOT_KEYS, LAND_SLOT_KEYS, type LayerTally, mergeWholePieces, SLOPE_SLOT_KEYS, tallyOverlay } from '../core/analysis/impactTally';
import type { AreaBasis } from '../core/area/netArea';
import { CONTACT_MIN_M2, overlayRegion, prepareRegion } from '../core/overlay/siteOverlay';
import type { AreaGeometry, LayerKind, ParcelAttrs } from '../core/types';
import type { Pool } from './db';
import { layerFromStored } from './engine';
import { fromWkb } from './wkb';

/**
 * Degrees added around a parcel's PostGIS box before asking whether it lies inside the site: far above the
 * engine's own margin (≈ 1 mm), so a parcel the database calls "inside" is one the engine takes whole.
 */
export const DEEP_MARGIN_DEG = 1e-6;

/** Longest piece (degrees, ≈ 500 m) of the site's boundary looked up on its own: short pieces have small boxes. */
const SEGMENT_DEG = 0.005;

type Row =
  | { t: 'e'; kind: LayerKind; ord: number; pos: number; pid: string; attrs: ParcelAttrs; area_m2: number; wkb: Buffer; j: null; ids: null; cols: null }
  /** a group of wholly-inside parcels: [land, grade, slope, GDDJ as read or null, county key, parcels, Σ area, Σ net] */
  | { t: 'g'; kind: LayerKind; j: [string, string, string, number | null, string, number, number, number]; ids: null; cols: null }
  /**
   * the wholly-inside parcels of a kind in load order: their ids (a JSON array, parsed natively) and, as one bytea,
   * the columns county order, position (int4 each) then 图斑面积 and 地类面积 (float8 each), big-endian as
   * int4send / float8send write them — no number printed or parsed one by one
   */
  | { t: 'w'; kind: LayerKind; j: null; ids: string[]; cols: Buffer };

const SQL = `
WITH s AS MATERIALIZED (
  -- the site's pieces unioned, when each is valid; otherwise (ok = false) every parcel of its box goes to the engine
  SELECT r, ok, CASE WHEN ok THEN ST_UnaryUnion(r) END AS g
  FROM (SELECT r, coalesce((SELECT bool_and(ST_IsValid(d.geom)) FROM ST_Dump(r) d), false) AS ok
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
near AS MATERIALIZED (SELECT DISTINCT p.county, p.kind, p.pos FROM seg JOIN fa_parcel p ON p.geom && seg.bx),
k AS MATERIALIZED (
  SELECT kind, ord, pos, pid, area_m2, net_m2, land_key, grade_key, slope_key, county_key, cls = 1 AS deep,
         CASE WHEN cls = 2 THEN attrs END AS attrs, CASE WHEN cls = 2 THEN geom END AS geom,
         CASE WHEN cls = 1 THEN coalesce(gddj::float8, (attrs->>'gddj')::float8) END AS dgrade
  FROM (
    -- each parcel of the site's box classified once (the fence OFFSET 0 keeps the tests from being inlined into
    -- every place that reads cls, which ran them up to three times a parcel):
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
    FROM fa_parcel p, s
    WHERE p.geom && ST_Envelope(s.r)
    OFFSET 0
  ) c
  WHERE cls > 0
)
SELECT 'e' AS t, kind, ord, pos, pid, attrs, area_m2, ST_AsBinary(geom) AS wkb, NULL::json AS j, NULL::json AS ids, NULL::bytea AS cols FROM k WHERE NOT deep
UNION ALL
SELECT 'g', kind, NULL, NULL, NULL, NULL, NULL, NULL,
       json_build_array(land_key, grade_key, slope_key, dgrade, county_key, count(*), sum(area_m2), sum(net_m2)), NULL, NULL
FROM k WHERE deep GROUP BY kind, land_key, grade_key, slope_key, dgrade, county_key
UNION ALL
SELECT 'w', kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL, array_to_json(array_agg(pid)),
       string_agg(int4send(ord), '') || string_agg(int4send(pos), '') || string_agg(float8send(area_m2), '') || string_agg(float8send(net_m2), '')
FROM (SELECT kind, ord, pos, pid, area_m2, net_m2 FROM k WHERE deep ORDER BY kind, ord, pos) w GROUP BY kind
ORDER BY t, ord, pos`;

/**
 * The engine's impact report of a site on the province's layers (the layers of every loaded county, by kind), and
 * how many parcels were summed by SQL and how many sent to the engine.
 */
export async function impactFromDb(
  pool: Pool,
  site: readonly AreaGeometry[],
  config?: AnalysisConfig,
  opts: { regionCode?: string; basis?: AreaBasis } = {},
): Promise<{ report: ImpactReport; summedInSql: number; sentToEngine: number }> {
  const region = prepareRegion(site);
  const [counties, meta] = await Promise.all([
    pool.query<{ county: string }>('SELECT county FROM fa_county ORDER BY ord'),
    pool.query<{ kind: LayerKind; name: string; file: string }>(
      'SELECT l.kind, min(l.name) AS name, min(l.file) AS file FROM fa_layer l JOIN fa_county c ON c.county = l.county GROUP BY l.kind ORDER BY min(c.ord * 1000 + l.ord)',
    ),
  ]);
  const r = await pool.query<Row>(SQL, [JSON.stringify({ type: 'GeometryCollection', geometries: site }), DEEP_MARGIN_DEG, CONTACT_MIN_M2, counties.rows.map((c) => c.county), SEGMENT_DEG]);
  const edge = new Map<string, Extract<Row, { t: 'e' }>[]>();
  const groups = new Map<string, Extract<Row, { t: 'g' }>[]>();
  const wholes = new Map<string, Extract<Row, { t: 'w' }>>();
  for (const row of r.rows) {
    if (row.t === 'e') pushed(edge, row.kind, row);
    else if (row.t === 'g') pushed(groups, row.kind, row);
    else wholes.set(row.kind, row);
  }
  const stats = { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 };
  const failures: ImpactReport['failures'] = [];
  let summed = 0;
  let sent = 0;
  const tallies: LayerTally[] = meta.rows.map((m) => {
    const rows = edge.get(m.kind) ?? [];
    sent += rows.length;
    const layer = layerFromStored(m.kind, m.name, m.file, rows.map((e) => ({ pos: e.pos, pid: e.pid, attrs: e.attrs, areaM2: e.area_m2, geometry: fromWkb(e.wkb) })));
    const ov = overlayRegion(region, layer);
    for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] += ov.stats[k];
    for (const f of ov.failures) failures.push({ layer: m.kind, ...f });
    const t = tallyOverlay(layer, ov);
    // load order of the engine's pieces, for merging; pieceIndex = position in the county's file
    const order = Array.from(t.pieceIndex, (i) => rows[i]);
    t.pieceIndex = Int32Array.from(order, (e) => e.pos);
    for (const g of groups.get(m.kind) ?? []) {
      const [land, grade, slope, dutyGrade, county, n, areaM2, netM2] = g.j;
      addWholeGroup(t, {
        land: slot(LAND_SLOT_KEYS, land), grade: slot(GRADE_SLOT_KEYS, grade), slope: slot(SLOPE_SLOT_KEYS, slope),
        dutyGrade: dutyGrade ?? Number.NaN, county: county === 'unknown' ? undefined : county, parcels: n, areaM2, netM2,
      });
      stats.candidates += n;
      stats.whole += n;
      summed += n;
    }
    const w = wholes.get(m.kind);
    const ids = w?.ids ?? [];
    const [ords, pos, areaM2, netM2] = columns(w?.cols, ids.length);
    const before = new Int32Array(ids.length);
    for (let j = 0, i = 0; j < ids.length; j++) {
      while (i < order.length && (order[i].ord < ords[j] || (order[i].ord === ords[j] && order[i].pos < pos[j]))) i++;
      before[j] = i;
    }
    mergeWholePieces(t, { ids, index: pos, areaM2, netM2, before });
    return t;
  });
  return { report: impactFromTallies(region, tallies, { stats, failures }, config, opts), summedInSql: summed, sentToEngine: sent };
}

/** The four columns of a 'w' row's bytea (n values each, big-endian): county orders, positions, areas, 地类面积. */
function columns(b: Buffer | undefined, n: number): [Int32Array, Int32Array, Float64Array, Float64Array] {
  const out: [Int32Array, Int32Array, Float64Array, Float64Array] = [new Int32Array(n), new Int32Array(n), new Float64Array(n), new Float64Array(n)];
  if (!b || n === 0) return out;
  if (b.length !== n * 24) throw new Error(`impact: ${b.length} bytes of whole-parcel columns for ${n} parcels`);
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const [ords, pos, area, net] = out;
  for (let i = 0; i < n; i++) {
    ords[i] = v.getInt32(i * 4);
    pos[i] = v.getInt32(4 * n + i * 4);
    area[i] = v.getFloat64(8 * n + i * 8);
    net[i] = v.getFloat64(16 * n + i * 8);
  }
  return out;
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
