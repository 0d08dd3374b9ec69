/**
 * The summary's GeoJSON export on the server (the dashboard's 导出 → GeoJSON in server mode, `/api/summary.geojson`):
 * the county's layers are read back from the database as the engine's layers (the stored geometry and properties, in
 * load order — what the county's files give the engine) and written by the same core writer as `farmland summary
 * --geojson`, every parcel of the region with its computed properties (fa_area_m2, fa_effective_area_m2, …).
 * One county at a time: a province's parcels in one GeoJSON would be gigabytes.
 */
import { summaryDocument, SUMMARY_NOTES } from '../core/engine/summaryExport';
import type { Layer } from '../core/layers/layer';
import type { Summary } from '../core/analysis/summary';
import { buildMetadata } from '../core/report/metadata';
import type { Pool } from './db';
import { isLayerKind, layerFromRows } from './engine';
import { fromWkb } from './wkb';

/** The counties a region prefix reaches (by their load code), in load order. */
export async function countiesOf(pool: Pool, region: string | undefined): Promise<string[]> {
  const r = await pool.query<{ county: string }>(
    'SELECT county FROM fa_county WHERE $1::text IS NULL OR left(county, least(6, length($1))) = left($1, 6) ORDER BY ord',
    [region ?? null],
  );
  return r.rows.map((x) => x.county);
}

/** A county's layers as the engine holds them after reading its files. */
export async function countyLayers(pool: Pool, county: string): Promise<Layer[]> {
  const ls = await pool.query<{ kind: string; name: string; file: string }>('SELECT kind, name, file FROM fa_layer WHERE county = $1 ORDER BY ord', [county]);
  const out: Layer[] = [];
  for (const l of ls.rows) {
    if (!isLayerKind(l.kind)) continue;
    const r = await pool.query<{ pos: number; props: Record<string, unknown>; wkb: Buffer }>(
      'SELECT pos, props, ST_AsBinary(geom) AS wkb FROM fa_parcel WHERE county = $1 AND kind = $2 ORDER BY pos',
      [county, l.kind],
    );
    out.push(layerFromRows(l.kind, l.name, l.file, r.rows.map((x) => ({ fid: x.pos, geometry: fromWkb(x.wkb), props: x.props }))));
  }
  return out;
}

/** The GeoJSON document, or null when the region does not name exactly one county. */
export async function summaryGeoJson(pool: Pool, summary: Summary, region: string | undefined, now: Date): Promise<string | null> {
  const counties = await countiesOf(pool, region);
  if (counties.length !== 1) return null;
  const layers = await countyLayers(pool, counties[0]);
  const meta = buildMetadata({
    inputs: layers.map((l) => ({ file: l.file, role: l.kind, features: l.parcels.length })),
    now,
    region,
    notes: [...SUMMARY_NOTES, '由数据库读回县级图层计算 / the county’s layers read back from the database'],
    basis: summary.basis,
  });
  return (await summaryDocument('geojson', summary, layers, meta, region)) as string;
}
