/**
 * A loaded county as the dashboard's files: a manifest whose layers and targets point back at this server, and each
 * layer as GeoJSON with the stored geometry (doubles written in their shortest round-trip form, so the browser's
 * engine measures exactly what the database holds), the original properties and ids, in load order. Opening the
 * dashboard with `?manifest=<server>/api/county/CODE/manifest.json` then behaves as it does on files.
 */
import type { Pool } from './db';
import { fromWkb } from './wkb';

export async function countyManifest(pool: Pool, county: string, token?: string) {
  const layers = await pool.query<{ kind: string; name: string }>('SELECT kind, name FROM fa_layer WHERE county = $1 ORDER BY ord', [county]);
  if (layers.rowCount === 0) return null;
  const c = await pool.query<{ name: string; vintage: number | null }>('SELECT name, vintage FROM fa_county WHERE county = $1', [county]);
  const q = token ? `?token=${encodeURIComponent(token)}` : '';
  const hasTargets = (await pool.query('SELECT 1 FROM fa_target LIMIT 1')).rowCount! > 0;
  return {
    name: `${c.rows[0]?.name || county}${c.rows[0]?.vintage ? ` · ${c.rows[0].vintage}` : ''}（数据库 / from the database）`,
    crs: 'EPSG:4490',
    layers: layers.rows.map((l) => ({ kind: l.kind, file: `${l.kind}.geojson${q}`, name: l.name })),
    ...(hasTargets ? { targets: `../../targets.json${q}` } : {}),
  };
}

/** The county's layer as GeoJSON text (one string; a county of 500k parcels is ~150 MB). */
export async function countyLayerGeoJson(pool: Pool, county: string, kind: string): Promise<string | null> {
  const r = await pool.query<{ pid: string; props: Record<string, unknown>; wkb: Buffer }>(
    'SELECT pid, props, ST_AsBinary(geom) AS wkb FROM fa_parcel WHERE county = $1 AND kind = $2 ORDER BY pos',
    [county, kind],
  );
  if (r.rowCount === 0) {
    const known = await pool.query('SELECT 1 FROM fa_layer WHERE county = $1 AND kind = $2', [county, kind]);
    if (known.rowCount === 0) return null;
  }
  const parts: string[] = [];
  for (const row of r.rows) parts.push(JSON.stringify({ type: 'Feature', id: row.pid, geometry: fromWkb(row.wkb), properties: row.props }));
  return `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
}

/** The targets table as the JSON format of docs/targets-format.md. */
export async function targetsJson(pool: Pool) {
  const r = await pool.query<{ code: string; name: string; level: string; cultivated_mu: number | null; permanent_basic_mu: number | null }>(
    'SELECT code, name, level, cultivated_mu, permanent_basic_mu FROM fa_target ORDER BY file, row',
  );
  return {
    unit: '亩',
    regions: r.rows.map((x) => ({
      code: x.code, name: x.name, level: x.level,
      ...(x.cultivated_mu !== null ? { cultivated_mu: x.cultivated_mu } : {}),
      ...(x.permanent_basic_mu !== null ? { permanent_basic_mu: x.permanent_basic_mu } : {}),
    })),
  };
}
