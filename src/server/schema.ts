/**
 * The PostGIS schema of a province (docs/scale.md explains each table's role and how it distributes on Citus).
 * Every table that holds parcels or figures carries `county` (6-digit 县级 code) as its first key column: it is the
 * LIST partition key of fa_parcel and the Citus distribution column of every county-keyed table, so all the SQL the
 * server runs filters or groups by it and stays on one shard. Reference tables (small, copied to every node) are
 * fa_target and the access tables.
 */

import { CONFLICT_CHUNK_SQL } from './conflictChunks';
import { REGION_SQL } from './regionsLoad';
import { INDICATOR_SCHEMA_SQL, INDICATOR_TABLES } from './indicatorsLoad';
import { IMPACT_CELL_SQL } from './impactCells';

/** Statements of `farmland db init`, in order; all idempotent (IF NOT EXISTS). */
export const SCHEMA_SQL: readonly string[] = [
  'CREATE EXTENSION IF NOT EXISTS postgis',
  // one row per county load: vintage and when
  `CREATE TABLE IF NOT EXISTS fa_county (
    county text PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    vintage integer,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    loaded_by text NOT NULL DEFAULT '',
    ord integer NOT NULL
  )`,
  // one row per layer file of a county, in load order
  `CREATE TABLE IF NOT EXISTS fa_layer (
    county text NOT NULL,
    kind text NOT NULL,
    ord integer NOT NULL,
    name text NOT NULL,
    file text NOT NULL,
    features integer NOT NULL,
    detail_min_zoom integer NOT NULL,
    busiest jsonb NOT NULL,
    bbox double precision[] NOT NULL,
    PRIMARY KEY (county, kind)
  )`,
  // the parcels (图斑): geometry as loaded (EPSG:4490), a stored Web-Mercator copy for tiles, the engine's areas
  `CREATE TABLE IF NOT EXISTS fa_parcel (
    county text NOT NULL,
    kind text NOT NULL,
    pos integer NOT NULL,
    fid integer NOT NULL,
    pid text NOT NULL,
    code text,
    -- normalised attributes and original properties: read whole (inspect, county files, impact's edge parcels), so
    -- json (the text as given, validated), which COPY takes at about half the cost of jsonb and stores smaller
    attrs json NOT NULL,
    props json NOT NULL,
    area_m2 double precision NOT NULL,
    net_m2 double precision NOT NULL,
    eff_m2 double precision NOT NULL,
    eff_net_m2 double precision NOT NULL,
    gddj smallint,
    gdpdjb smallint,
    vintage integer,
    -- the summary's keys for this parcel, computed by the engine at load (rolled up into fa_agg)
    county_key text NOT NULL, township_key text NOT NULL, village_key text NOT NULL,
    county_label text NOT NULL, township_label text NOT NULL, village_label text NOT NULL,
    land_key text NOT NULL, land_label text NOT NULL, grade_key text NOT NULL, slope_key text NOT NULL,
    gross_m2 double precision NOT NULL,
    tbmj double precision, tbdlmj double precision, tbdlmj_declared boolean NOT NULL, yjjbnttbmj double precision,
    -- in an overlapping pair of its layer (fa_overlap, either side) or its effective part failed: impact needs its geometry
    in_overlap boolean NOT NULL DEFAULT false,
    geom geometry(Geometry, 4490) NOT NULL,
    -- Web Mercator for tiles, projected by the loader (wkb.ts mercatorX/Y: PROJ's formula, within 2 ulp of ST_Transform)
    geom3857 geometry(Geometry, 3857) NOT NULL,
    PRIMARY KEY (county, kind, pos)
  ) PARTITION BY LIST (county)`,
  'CREATE INDEX IF NOT EXISTS fa_parcel_geom ON fa_parcel USING gist (geom)',
  'CREATE INDEX IF NOT EXISTS fa_parcel_geom3857 ON fa_parcel USING gist (geom3857)',
  // the summary's pre-aggregate (src/server/rollup.ts): per region grain code × dimension × key × label
  `CREATE TABLE IF NOT EXISTS fa_agg (
    county text NOT NULL,
    kind text NOT NULL,
    grain smallint NOT NULL,
    g text,
    dim text NOT NULL,
    key text NOT NULL,
    label text NOT NULL,
    first_pos integer NOT NULL,
    features integer NOT NULL,
    eff_m2 double precision NOT NULL,
    eff_net_m2 double precision NOT NULL,
    gross_m2 double precision NOT NULL,
    tbmj_m2 double precision NOT NULL, tbmj_n integer NOT NULL, computed_tbmj_m2 double precision NOT NULL,
    tbdlmj_m2 double precision NOT NULL, tbdlmj_declared integer NOT NULL, tbdlmj_derived integer NOT NULL,
    yjjbnttbmj_m2 double precision NOT NULL, yjjbnttbmj_n integer NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS fa_agg_key ON fa_agg (kind, grain, g)',
  // a reload deletes the county's rows: without it every load scans the whole province's rows (~15k per county)
  'CREATE INDEX IF NOT EXISTS fa_agg_county ON fa_agg (county)',
  // overlapping parcel pairs inside a layer (codes of both, for region filters)
  `CREATE TABLE IF NOT EXISTS fa_overlap (
    county text NOT NULL, kind text NOT NULL, a_pos integer NOT NULL, b_pos integer NOT NULL, a_code text, b_code text
  )`,
  'CREATE INDEX IF NOT EXISTS fa_overlap_key ON fa_overlap (county, kind)',
  // 三区三线 conflict pairs found by the engine among a county's layers
  `CREATE TABLE IF NOT EXISTS fa_conflict (
    county text NOT NULL, a text NOT NULL, b text NOT NULL, a_name text NOT NULL, b_name text NOT NULL, ord integer NOT NULL,
    a_id text, b_id text, a_code text, area_m2 double precision, net_m2 double precision, bbox double precision[], failure text
  )`,
  'CREATE INDEX IF NOT EXISTS fa_conflict_key ON fa_conflict (county)',
  // validation findings and per-parcel computation failures of the load
  `CREATE TABLE IF NOT EXISTS fa_finding (
    county text NOT NULL, kind text, file text NOT NULL, severity text NOT NULL, code text NOT NULL, message text NOT NULL,
    feature_index integer, feature_id text, field text, failure boolean NOT NULL DEFAULT false, region_code text, ord integer NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS fa_finding_key ON fa_finding (county)',
  // coverage cells for low-zoom tiles: parcels counted by bbox centre on the grid of zoom z + 5 (32 × 32 per tile)
  `CREATE TABLE IF NOT EXISTS fa_cell (
    county text NOT NULL, kind text NOT NULL, z smallint NOT NULL, gx integer NOT NULL, gy integer NOT NULL,
    n integer NOT NULL, area double precision NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS fa_cell_key ON fa_cell (kind, z, gx, gy)',
  // (as fa_agg_county: ~100k cells per 500k-parcel county)
  'CREATE INDEX IF NOT EXISTS fa_cell_county ON fa_cell (county)',
  // targets (保护任务) per region: a reference table
  `CREATE TABLE IF NOT EXISTS fa_target (
    code text PRIMARY KEY, name text NOT NULL, level text NOT NULL, cultivated_mu double precision, permanent_basic_mu double precision,
    row integer NOT NULL, file text NOT NULL
  )`,
  // access: users, sessions, saved scenarios, audit
  `CREATE TABLE IF NOT EXISTS fa_user (
    name text PRIMARY KEY, role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')), hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE IF NOT EXISTS fa_session (
    token text PRIMARY KEY, name text NOT NULL, expires_at timestamptz NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS fa_scenario (
    id bigserial PRIMARY KEY, owner text NOT NULL, name text NOT NULL, shared boolean NOT NULL DEFAULT false,
    body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE IF NOT EXISTS fa_audit (
    id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), who text NOT NULL, action text NOT NULL, detail jsonb NOT NULL
  )`,
  // the quality indicators' pre-aggregates (src/server/indicatorsLoad.ts)
  ...INDICATOR_SCHEMA_SQL,
  // 三区三线 conflicts grouped per region grain for summaries (src/server/conflictChunks.ts)
  ...CONFLICT_CHUNK_SQL,
  // the region tree with extents, for drill-down in server mode (src/server/regionsLoad.ts)
  ...REGION_SQL,
  // impact's per-cell pre-aggregates of the parcels a site can take whole (src/server/impactCells.ts)
  ...IMPACT_CELL_SQL,
];

/** Tables dropped by `farmland db init --reset` (children first). */
export const ALL_TABLES = ['fa_impact_cell', 'fa_region', 'fa_conflict_chunk', ...INDICATOR_TABLES, 'fa_audit', 'fa_scenario', 'fa_session', 'fa_user', 'fa_target', 'fa_cell', 'fa_finding', 'fa_conflict', 'fa_overlap', 'fa_agg', 'fa_parcel', 'fa_layer', 'fa_county'];

/** County codes are 6 digits; only such a code ever becomes part of an identifier (a partition's name). */
export const COUNTY_RE = /^\d{6}$/;

/** The partition of fa_parcel holding one county (created on first load; the Citus load path). */
export function partitionDdl(county: string): string {
  if (!COUNTY_RE.test(county)) throw new Error(`county code must be 6 digits, got ${JSON.stringify(county)}`);
  return `CREATE TABLE IF NOT EXISTS fa_parcel_${county} PARTITION OF fa_parcel FOR VALUES IN ('${county}')`;
}

/**
 * Indexes of a filled staging table, matching the partitioned ones (so ATTACH adopts them instead of building
 * again), as two lists that can run side by side on two connections (CREATE INDEX takes a SHARE lock: builds on
 * one table do not block each other). The primary key's unique index becomes the constraint at the swap.
 */
export function stagingIndexSql(staging: string): [string[], string[]] {
  checkStaging(staging);
  return [
    [`CREATE INDEX ON ${staging} USING gist (geom)`, `CREATE UNIQUE INDEX ${staging}_pkey ON ${staging} (county, kind, pos)`],
    [`CREATE INDEX ON ${staging} USING gist (geom3857)`],
  ];
}

/**
 * Swap a filled, indexed staging table (stagingIndexSql; created with its CHECK (county = …) constraint, so ATTACH
 * need not scan it) in as the county's partition of fa_parcel: primary key from its unique index, drop the old
 * partition, attach the new. Run inside the load's transaction: readers see the old county until commit.
 */
export function partitionSwapSql(county: string, staging: string): string[] {
  if (!COUNTY_RE.test(county)) throw new Error(`county code must be 6 digits, got ${JSON.stringify(county)}`);
  checkStaging(staging);
  const part = `fa_parcel_${county}`;
  return [
    `ALTER TABLE ${staging} ADD CONSTRAINT ${staging}_pk PRIMARY KEY USING INDEX ${staging}_pkey`,
    `DROP TABLE IF EXISTS ${part}`,
    `ALTER TABLE ${staging} RENAME TO ${part}`,
    `ALTER TABLE fa_parcel ATTACH PARTITION ${part} FOR VALUES IN ('${county}')`,
  ];
}

function checkStaging(staging: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(staging)) throw new Error(`bad staging table name ${JSON.stringify(staging)}`);
}
