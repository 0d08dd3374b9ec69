/**
 * 三区三线 conflicts pre-aggregated for summaries (`fa_conflict_chunk`): a county's conflict pairs grouped, at each
 * region grain (6 / 9 / 12 / 19 digits of the farmland parcel's code), by the code cut to that grain, each group's
 * pairs and failures stored as one JSON text. A region's conflicts read the groups of its grain whose code starts
 * with it — a handful of rows parsed natively, not one row per pair (a province has tens of thousands of pairs;
 * reading them row by row took 0.6–1.6 s). Grain 0 rows are the heads: every checked pair of layers, in order.
 * The row-per-pair table fa_conflict stays the load's record.
 */
import type { Conflict } from '../core/analysis/conflicts';
import type { LayerKind } from '../core/types';
import type { Layer } from '../core/layers/layer';
import { copyRow } from './copyText';
import type { Pool } from './db';
import { m2ToMu } from './engine';
import { locationCode } from '../core/layers/attrTable';

const GRAINS = [6, 9, 12, 19] as const;
const cut = (code: string | null, grain: number) => (code === null ? null : code.length > grain ? code.slice(0, grain) : code);

/** [aId, bId, areaM2, netM2, west, south, east, north] */
type PairRow = [string, string, number, number, number, number, number, number];
/** [parcelId, message] */
type FailureRow = [string, string];

export const CONFLICT_CHUNK_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS fa_conflict_chunk (
    county text NOT NULL, ord integer NOT NULL, a text NOT NULL, b text NOT NULL, a_name text NOT NULL, b_name text NOT NULL,
    grain smallint NOT NULL, g text, first integer NOT NULL, pairs text NOT NULL, failures text NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS fa_conflict_chunk_key ON fa_conflict_chunk (grain, g)',
];
export const CONFLICT_CHUNK_COPY = 'COPY fa_conflict_chunk (county, ord, a, b, a_name, b_name, grain, g, first, pairs, failures) FROM STDIN';

/** The chunk rows of a county's conflicts (COPY lines). */
export function conflictChunkRows(county: string, conflicts: readonly Conflict[], layers: readonly Layer[]): string[] {
  const rows: string[] = [];
  conflicts.forEach((cf, ord) => {
    const a = layers.find((l) => l.kind === cf.a);
    const codes = new Map<string, string | null>();
    for (const p of a?.parcels ?? []) codes.set(p.id, locationCode(p) ?? null);
    rows.push(copyRow([county, ord, cf.a, cf.b, cf.aName, cf.bName, 0, null, 0, '[]', '[]']));
    for (const grain of GRAINS) {
      const groups = new Map<string | null, { first: number; pairs: PairRow[]; failures: FailureRow[] }>();
      const group = (id: string, at: number) => {
        const g = cut(codes.get(id) ?? null, grain);
        const x = groups.get(g) ?? { first: at, pairs: [], failures: [] };
        groups.set(g, x);
        return x;
      };
      cf.pairs.forEach((p, i) => {
        group(p.aId, i).pairs.push([p.aId, p.bId, p.areaM2, p.netM2, ...p.bbox]);
      });
      cf.failures.forEach((f, i) => {
        group(f.parcelId, cf.pairs.length + i).failures.push([f.parcelId, f.message]);
      });
      for (const [g, x] of groups) rows.push(copyRow([county, ord, cf.a, cf.b, cf.aName, cf.bName, grain, g, x.first, JSON.stringify(x.pairs), JSON.stringify(x.failures)]));
    }
  });
  return rows;
}

/**
 * The conflicts of a region (all when undefined), as summarize() gives them. A pair is the region's when its farmland
 * parcel's code starts with the region, on layers that carry codes (`filtered`); on others every pair counts.
 */
export async function conflictsFromChunks(pool: Pool, region: string | undefined, filtered: ReadonlySet<string> | Promise<ReadonlySet<string>>): Promise<Conflict[]> {
  const grain = region === undefined ? 6 : (GRAINS.find((g) => region.length <= g) ?? 19);
  const params: unknown[] = [grain];
  let where = 'f.grain = $1';
  if (region !== undefined) {
    params.push(region);
    where += ` AND (f.g IS NULL OR left(f.g, length($2)) = $2)${region.length >= 6 ? ' AND f.county = left($2, 6)' : ''}`;
  }
  // (`filtered` may still be on its way: the summary asks for the chunks beside its other statements)
  const [heads, r, codedKinds] = await Promise.all([
    pool.query<{ a: LayerKind; b: LayerKind; a_name: string; b_name: string }>(
      'SELECT f.a, f.b, min(f.a_name) AS a_name, min(f.b_name) AS b_name FROM fa_conflict_chunk f JOIN fa_county c ON c.county = f.county WHERE f.grain = 0 GROUP BY f.a, f.b ORDER BY min(c.ord * 100 + f.ord)',
    ),
    pool.query<{ a: LayerKind; b: LayerKind; a_name: string; b_name: string; g: string | null; pairs: string; failures: string }>(
      `SELECT f.a, f.b, f.a_name, f.b_name, f.g, f.pairs, f.failures FROM fa_conflict_chunk f JOIN fa_county c ON c.county = f.county WHERE ${where} ORDER BY c.ord, f.ord, f.first`,
      params,
    ),
    filtered,
  ]);
  const out: Conflict[] = heads.rows.map((h) => ({ a: h.a, b: h.b, aName: h.a_name, bName: h.b_name, areaM2: 0, areaMu: 0, netM2: 0, netMu: 0, pairs: [], failures: [] }));
  for (const row of r.rows) {
    // a layer with codes: a pair whose farmland parcel has none is outside every region
    if (region !== undefined && row.g === null && codedKinds.has(row.a)) continue;
    let c = out.find((x) => x.a === row.a && x.b === row.b);
    if (!c) {
      c = { a: row.a, b: row.b, aName: row.a_name, bName: row.b_name, areaM2: 0, areaMu: 0, netM2: 0, netMu: 0, pairs: [], failures: [] };
      out.push(c);
    }
    for (const [parcelId, message] of JSON.parse(row.failures) as FailureRow[]) c.failures.push({ parcelId, message });
    for (const [aId, bId, areaM2, netM2, w, s, e, n] of JSON.parse(row.pairs) as PairRow[]) {
      c.pairs.push({ aId, bId, areaM2, netM2, bbox: [w, s, e, n] });
      c.areaM2 += areaM2;
      c.netM2 += netM2;
    }
  }
  for (const c of out) {
    c.pairs.sort((x, y) => y.areaM2 - x.areaM2 || (x.aId < y.aId ? -1 : x.aId > y.aId ? 1 : x.bId < y.bId ? -1 : 1));
    c.areaMu = m2ToMu(c.areaM2);
    c.netMu = m2ToMu(c.netM2);
  }
  return out;
}
