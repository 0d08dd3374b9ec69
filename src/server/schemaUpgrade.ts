/**
 * `farmland db init`: create the schema, or upgrade an existing one in place. The schema's version is kept in
 * fa_schema (one row). A database made by an earlier farmland (no fa_schema, or an older version) is inspected
 * and brought to the current shape with ALTER … where the data can stay: columns added (ADD COLUMN IF NOT
 * EXISTS), attrs/props jsonb → json (a rewrite of the parcels, no reload), the generated EPSG:3857 column turned
 * into a plain one the loader writes (DROP EXPRESSION keeps the stored values), new tables created. What the
 * engine computes at load and an old load did not store (地类面积, overlap flags, the indicators' and conflicts'
 * pre-aggregates, the region tree) cannot be made up by SQL: the counties loaded before are listed as needing a
 * reload (`farmland db load` again), kept in fa_schema.reload until each is loaded again.
 */
import type { Pool } from './db';
import { ALL_TABLES, SCHEMA_SQL } from './schema';

/** 2: geom3857 written by the loader (binary COPY), fa_schema itself. Version 1 is any shape before it. */
export const SCHEMA_VERSION = 2;

export interface InitReport {
  /** The version found (0: no schema, 1: a schema from before fa_schema). */
  from: number;
  to: number;
  /** What was changed in place, one line each. */
  changes: string[];
  /** Counties whose stored figures lack something only a load computes: load them again. */
  reload: string[];
  /** Why they need it. */
  reasons: string[];
}

/** Columns added since the first schema: table, column, type, and what an old load lacks without it. */
const ADDED_COLUMNS: readonly { table: string; column: string; type: string; lacks: string }[] = [
  { table: 'fa_parcel', column: 'net_m2', type: 'double precision', lacks: '图斑地类面积 (net_m2)' },
  { table: 'fa_parcel', column: 'eff_net_m2', type: 'double precision', lacks: '地类面积 of the counted area (eff_net_m2)' },
  { table: 'fa_parcel', column: 'in_overlap', type: 'boolean NOT NULL DEFAULT false', lacks: 'the overlap flags impact needs (in_overlap)' },
  { table: 'fa_agg', column: 'eff_net_m2', type: 'double precision', lacks: '地类面积 in the summary rollups' },
  { table: 'fa_conflict', column: 'net_m2', type: 'double precision', lacks: '地类面积 of the 三区三线 conflict pairs' },
];

/** Tables added since the first schema whose rows only a load writes. */
const LOAD_TABLES: readonly { table: string; lacks: string }[] = [
  { table: 'fa_conflict_chunk', lacks: 'the conflict pairs grouped for summaries' },
  { table: 'fa_ind_sum', lacks: 'the quality indicators' },
  { table: 'fa_region', lacks: 'the region tree for drill-down' },
  // impact works without them (the county's parcels are then read one by one from the site's box), only slower
  { table: 'fa_impact_cell', lacks: "impact's per-cell pre-aggregates (impact is right without them, only slower)" },
];

export const SCHEMA_TABLE_SQL = `CREATE TABLE IF NOT EXISTS fa_schema (
  id boolean PRIMARY KEY DEFAULT true CHECK (id), version integer NOT NULL, upgraded_at timestamptz NOT NULL DEFAULT now(),
  reload text[] NOT NULL DEFAULT '{}', reasons text[] NOT NULL DEFAULT '{}'
)`;

/** Create or upgrade the schema (after dropping every table with `reset`); says what it did and what needs a reload. */
export async function initSchema(pool: Pool, opts: { reset?: boolean } = {}): Promise<InitReport> {
  if (opts.reset) for (const t of ['fa_schema', ...ALL_TABLES]) await pool.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
  const tables = new Set((await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'fa\\_%'")).rows.map((r) => r.t));
  const from = tables.has('fa_schema')
    ? ((await pool.query<{ version: number }>('SELECT version FROM fa_schema')).rows[0]?.version ?? 1)
    : tables.has('fa_parcel') ? 1 : 0;
  const changes: string[] = [];
  const reasons: string[] = [];
  let counties: string[] = [];
  if (from >= 1 && from < SCHEMA_VERSION) {
    counties = tables.has('fa_county') ? (await pool.query<{ county: string }>('SELECT county FROM fa_county ORDER BY ord')).rows.map((r) => r.county) : [];
    const cols = await pool.query<{ table_name: string; column_name: string; data_type: string; is_generated: string }>(
      "SELECT table_name, column_name, data_type, is_generated FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)",
      [['fa_parcel', 'fa_agg', 'fa_conflict']],
    );
    const col = (t: string, c: string) => cols.rows.find((r) => r.table_name === t && r.column_name === c);
    for (const a of ADDED_COLUMNS) {
      if (!tables.has(a.table) || col(a.table, a.column)) continue;
      await pool.query(`ALTER TABLE ${a.table} ADD COLUMN IF NOT EXISTS ${a.column} ${a.type}`);
      changes.push(`${a.table}.${a.column} added`);
      reasons.push(a.lacks);
    }
    for (const c of ['attrs', 'props'])
      if (col('fa_parcel', c)?.data_type === 'jsonb') {
        await pool.query(`ALTER TABLE fa_parcel ALTER COLUMN ${c} TYPE json USING ${c}::json`);
        changes.push(`fa_parcel.${c} jsonb → json (rewritten in place)`);
      }
    if (col('fa_parcel', 'geom3857')?.is_generated === 'ALWAYS') {
      await pool.query('ALTER TABLE fa_parcel ALTER COLUMN geom3857 DROP EXPRESSION');
      changes.push('fa_parcel.geom3857 kept, now written by the loader (no longer generated)');
    }
    for (const t of LOAD_TABLES)
      if (!tables.has(t.table)) {
        changes.push(`${t.table} created`);
        reasons.push(t.lacks);
      }
  }
  for (const sql of SCHEMA_SQL) await pool.query(sql);
  await pool.query(SCHEMA_TABLE_SQL);
  const reload = reasons.length ? counties : [];
  const r = await pool.query<{ reload: string[]; reasons: string[] }>(
    `INSERT INTO fa_schema (id, version, reload, reasons) VALUES (true, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, upgraded_at = CASE WHEN fa_schema.version = EXCLUDED.version THEN fa_schema.upgraded_at ELSE now() END,
       reload = ARRAY(SELECT DISTINCT unnest(fa_schema.reload || EXCLUDED.reload) ORDER BY 1),
       reasons = ARRAY(SELECT DISTINCT unnest(fa_schema.reasons || EXCLUDED.reasons) ORDER BY 1)
     RETURNING reload, reasons`,
    [SCHEMA_VERSION, reload, reasons],
  );
  return { from, to: SCHEMA_VERSION, changes, reload: r.rows[0].reload, reasons: r.rows[0].reasons };
}

/**
 * Refuse to load into a schema older than this code (the loader writes columns an old one lacks or generates):
 * the message says to run `farmland db init`, which upgrades in place.
 */
export async function checkSchemaVersion(pool: Pool): Promise<void> {
  const r = await pool.query<{ v: number | null }>("SELECT CASE WHEN to_regclass('fa_schema') IS NULL THEN NULL ELSE 0 END AS v");
  const version = r.rows[0].v === null ? 0 : ((await pool.query<{ version: number }>('SELECT version FROM fa_schema')).rows[0]?.version ?? 0);
  if (version < SCHEMA_VERSION)
    throw new Error(`数据库结构较旧或未建立，请先运行 farmland db init（就地升级） / the database schema is missing or older than this farmland (version ${version} < ${SCHEMA_VERSION}): run \`farmland db init\` first (it upgrades in place)`);
}

/** A county loaded again no longer needs a reload (run in the load's transaction). */
export const RELOADED_SQL = 'UPDATE fa_schema SET reload = array_remove(reload, $1), reasons = CASE WHEN cardinality(array_remove(reload, $1)) = 0 THEN \'{}\' ELSE reasons END';
