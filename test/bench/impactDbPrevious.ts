/**
 * The bench's "previous" impact path: src/server/impactDb.ts's impactFromDb as it was on main at d6ea635 (before
 * issue 19 §5's rework), frozen here — its statement word for word; the engine's part on the edge parcels and the
 * adding of SQL's groups through impactDb.ts's edgeTally / addSqlGroup, which hold main's code moved, not changed —
 * so dbBench.ts can time it side by side with the current one in one run. Not used by the server.
 */
import type { AnalysisConfig } from '../../src/core/analysis/config';
import { type ImpactReport, impactFromTallies } from '../../src/core/analysis/impact';
import { type LayerTally, mergeWholePieces } from '../../src/core/analysis/impactTally';
import type { AreaBasis } from '../../src/core/area/netArea';
import { CONTACT_MIN_M2, prepareRegion } from '../../src/core/overlay/siteOverlay';
import type { AreaGeometry, LayerKind, ParcelAttrs } from '../../src/core/types';
import type { Pool } from '../../src/server/db';
import { addSqlGroup, edgeTally } from '../../src/server/impactDb';

/**
 * Degrees added around a parcel's PostGIS box before asking whether it lies inside the site: far above the
 * engine's own margin (≈ 1 mm), so a parcel the database calls "inside" is one the engine takes whole.
 */
const DEEP_MARGIN_DEG = 1e-6;

/** Longest piece (degrees, ≈ 500 m) of the site's boundary looked up on its own: short pieces have small boxes. */
const SEGMENT_DEG = 0.005;

type Row =
  | { t: 'e'; kind: LayerKind; ord: number; pos: number; pid: string; attrs: ParcelAttrs; area_m2: number; wkb: Buffer; j: null }
  /** a group of wholly-inside parcels: [land, grade, slope, GDDJ as read or null, county key, parcels, Σ area, Σ net] */
  | { t: 'g'; kind: LayerKind; j: [string, string, string, number | null, string, number, number, number] }
  /** the wholly-inside parcels of a kind in load order, as columns: pids, county orders, positions, areas, 地类面积 */
  | { t: 'w'; kind: LayerKind; j: [string[], number[], number[], number[], number[]] };

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
b AS (
  -- a county's load order from its position in $4 (the counties by fa_county.ord): no join per parcel
  SELECT p.kind, array_position($4::text[], p.county) AS ord, p.pos, p.pid, p.area_m2, p.net_m2, p.land_key, p.grade_key, p.slope_key, p.county_key,
         p.gddj, p.attrs, p.geom, p.in_overlap, (p.county, p.kind, p.pos) IN (SELECT county, kind, pos FROM near) AS touches
  FROM fa_parcel p, s
  WHERE p.geom && ST_Envelope(s.r)
),
c AS (
  -- no site edge near its box: the box is wholly inside or wholly outside, and one corner tells which
  -- (a point-in-polygon test, no clipping)
  SELECT b.*, (s.ok AND NOT in_overlap AND NOT touches AND ST_Intersects(s.g, ST_SetSRID(ST_MakePoint(ST_XMin(geom::box2d), ST_YMin(geom::box2d)), 4490))) AS deep,
         (NOT s.ok OR in_overlap OR touches) AS send
  FROM b, s
),
k AS MATERIALIZED (
  SELECT kind, ord, pos, pid, area_m2, net_m2, land_key, grade_key, slope_key, county_key, deep,
         CASE WHEN send THEN attrs END AS attrs, CASE WHEN send THEN geom END AS geom,
         CASE WHEN gddj IS NOT NULL THEN gddj::float8 WHEN deep THEN (attrs->>'gddj')::float8 END AS dgrade
  FROM c, s
  -- inside (more than contact: as the engine counts), or sent: any parcel when the site could not be prepared, a
  -- parcel of an overlap pair, one whose grown box a site edge crosses
  WHERE (deep AND area_m2 > $3) OR (send AND (NOT s.ok OR in_overlap OR ST_Intersects(s.g, ST_SetSRID(ST_Expand(geom::box2d, $2)::geometry, 4490))))
)
SELECT 'e' AS t, kind, ord, pos, pid, attrs, area_m2, ST_AsBinary(geom) AS wkb, NULL::json AS j FROM k WHERE NOT deep
UNION ALL
SELECT 'g', kind, NULL, NULL, NULL, NULL, NULL, NULL,
       json_build_array(land_key, grade_key, slope_key, dgrade, county_key, count(*), sum(area_m2), sum(net_m2))
FROM k WHERE deep GROUP BY kind, land_key, grade_key, slope_key, dgrade, county_key
UNION ALL
SELECT 'w', kind, NULL, NULL, NULL, NULL, NULL, NULL,
       json_build_array(array_to_json(array_agg(pid)), array_to_json(array_agg(ord)), array_to_json(array_agg(pos)), array_to_json(array_agg(area_m2)), array_to_json(array_agg(net_m2)))
FROM (SELECT kind, ord, pos, pid, area_m2, net_m2 FROM k WHERE deep ORDER BY kind, ord, pos) w GROUP BY kind
ORDER BY t, ord, pos`;

/**
 * The engine's impact report of a site on the province's layers (the layers of every loaded county, by kind), and
 * how many parcels were summed by SQL and how many sent to the engine.
 */
export async function impactFromDbPrevious(
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
    // (the engine's part through today's helpers: the same code as main's, moved)
    const { t, order } = edgeTally(region, m, rows, { stats, failures });
    for (const g of groups.get(m.kind) ?? []) {
      const n = addSqlGroup(t, g.j);
      stats.candidates += n;
      stats.whole += n;
      summed += n;
    }
    const [ids, ords, pos, areaM2, netM2] = wholes.get(m.kind)?.j ?? [[], [], [], [], []];
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

function pushed<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
