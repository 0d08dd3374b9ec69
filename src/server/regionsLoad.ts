/**
 * The region tree of a county (county → township → village, core/engine/regionTree.ts: codes, names, extents),
 * computed by the engine at load and stored (`fa_region`), so the dashboard in server mode can drill down to a
 * township or village and fit the map to it as it does on files.
 */
import { type RegionEntry, regionTree } from '../core/engine/regionTree';
import type { Layer } from '../core/layers/layer';
import type { TargetTable } from '../core/analysis/targets';
import { copyRow, floatArray } from './copyText';
import type { Pool } from './db';

export const REGION_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS fa_region (
    county text NOT NULL, level text NOT NULL, code text NOT NULL, name text NOT NULL, parent text, bbox double precision[] NOT NULL
  )`,
];
export const REGION_COPY = 'COPY fa_region (county, level, code, name, parent, bbox) FROM STDIN';

/** The county's regions as COPY lines; names from the targets table where it has them (else the village's ZLDWMC, else the code). */
export function regionRows(county: string, layers: readonly Layer[], targets?: TargetTable): string[] {
  const names: Record<string, string> = {};
  for (const r of targets?.regions ?? []) if (r.name) names[r.code] = r.name;
  return regionTree(layers, names).map((r) => copyRow([county, r.level, r.code, r.name, r.parent ?? null, floatArray(r.bbox)]));
}

/** Every stored region below the county level (townships, villages), by code. */
export async function storedRegions(pool: Pool): Promise<RegionEntry[]> {
  const r = await pool.query<{ level: RegionEntry['level']; code: string; name: string; parent: string | null; bbox: number[] }>(
    "SELECT level, code, name, parent, bbox FROM fa_region WHERE level <> 'county' ORDER BY code",
  );
  return r.rows.map((x) => ({ level: x.level, code: x.code, name: x.name, ...(x.parent !== null ? { parent: x.parent } : {}), bbox: x.bbox as RegionEntry['bbox'] }));
}
