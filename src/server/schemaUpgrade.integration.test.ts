/**
 * `farmland db init` on a database made by an earlier farmland: the schema of 2026-12-04 (test/fixtures/db, as
 * `db init` created it then) with a county loaded in its shape is upgraded in place — columns added, jsonb → json,
 * the generated 3857 column made plain with its values kept — the county is listed for a reload, and a load then
 * works and clears it. Needs DATABASE_URL (skipped otherwise); runs in a schema of its own, dropped at the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeIO } from '../cli/io';
import { runCli } from '../cli/main';
import { openPool, type Pool } from './db';
import { readLayer } from './engine';
import { loadCounty } from './loadCounty';
import { checkSchemaVersion, initSchema, SCHEMA_VERSION } from './schemaUpgrade';
import { summaryFromDb } from './summaryDb';

const DB_URL = process.env.DATABASE_URL;
const DEMO = join(__dirname, '../../data/demo');
const OLD_SQL = readFileSync(join(__dirname, '../../test/fixtures/db/schema-2026-12-04.sql'), 'utf8');
const SCHEMA = `fa_upgrade_${process.pid}`;

describe.skipIf(!DB_URL)('db init upgrades an existing schema in place', () => {
  let admin: Pool;
  let pool: Pool;

  beforeAll(async () => {
    admin = openPool(DB_URL, 1, undefined);
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    pool = openPool(DB_URL, 4, SCHEMA);
    await pool.query(OLD_SQL);
    // a county loaded by the old farmland: its partition and one parcel in the old shape
    await pool.query("INSERT INTO fa_county (county, name, ord) VALUES ('231298', 'old', 1)");
    await pool.query("CREATE TABLE fa_parcel_231298 PARTITION OF fa_parcel FOR VALUES IN ('231298')");
    await pool.query(`INSERT INTO fa_parcel (county, kind, pos, fid, pid, code, attrs, props, area_m2, net_m2, eff_m2, gddj, gdpdjb, vintage, county_key, township_key,
      village_key, county_label, township_label, village_label, land_key, land_label, grade_key, slope_key, gross_m2, tbdlmj_declared, geom)
      VALUES ('231298', 'cultivated', 0, 0, 'a', '231298100200', '{"dlbm": "0101"}', '{"DLBM": "0101"}', 100, 100, 100, 5, 2, 2020, '231298', '231298100', '231298100200',
      '', '', '', '0101', '水田', '5', '2', 100, false, ST_GeomFromText('POLYGON((127 45, 127.001 45, 127 45.001, 127 45))', 4490))`);
  });

  afterAll(async () => {
    await pool?.end();
    await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin?.end();
  });

  it('refuses to load into the old schema, saying to run db init', async () => {
    await expect(checkSchemaVersion(pool)).rejects.toThrow(/farmland db init/);
  });

  it('upgrades in place: columns added, attrs/props json, geom3857 plain with its values kept; the old county listed for a reload', async () => {
    const r = await initSchema(pool);
    expect(r.from).toBe(1);
    expect(r.to).toBe(SCHEMA_VERSION);
    expect(r.changes).toEqual(
      expect.arrayContaining(['fa_parcel.eff_net_m2 added', 'fa_parcel.in_overlap added', 'fa_agg.eff_net_m2 added', 'fa_conflict.net_m2 added', 'fa_parcel.attrs jsonb → json (rewritten in place)']),
    );
    expect(r.changes.some((c) => c.startsWith('fa_parcel.geom3857'))).toBe(true);
    expect(r.reload).toEqual(['231298']);
    expect(r.reasons.length).toBeGreaterThan(3);
    const cols = await pool.query<{ column_name: string; data_type: string; is_generated: string }>(
      "SELECT column_name, data_type, is_generated FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'fa_parcel_231298'",
      [SCHEMA],
    );
    const col = (n: string) => cols.rows.find((c) => c.column_name === n);
    expect(col('attrs')?.data_type).toBe('json');
    expect(col('in_overlap')).toBeDefined();
    expect(col('geom3857')?.is_generated).toBe('NEVER');
    const kept = await pool.query<{ x: number }>('SELECT ST_XMin(geom3857::box2d) AS x FROM fa_parcel_231298');
    expect(kept.rows[0].x).toBeCloseTo(6378137 * ((127 * Math.PI) / 180), 3);
    await expect(checkSchemaVersion(pool)).resolves.toBeUndefined();
    // a second init changes nothing and still lists the county
    const again = await initSchema(pool);
    expect([again.from, again.changes, again.reload]).toEqual([SCHEMA_VERSION, [], ['231298']]);
  });

  it('`farmland db init` says what changed and which counties to load again', async () => {
    const err: string[] = [];
    const before = process.env.FARMLAND_DB_SCHEMA;
    process.env.FARMLAND_DB_SCHEMA = SCHEMA;
    try {
      expect(await runCli(['db', 'init'], { ...nodeIO, stderr: (t) => err.push(t), stdout: () => undefined })).toBe(0);
    } finally {
      if (before === undefined) delete process.env.FARMLAND_DB_SCHEMA;
      else process.env.FARMLAND_DB_SCHEMA = before;
    }
    expect(err.join('')).toMatch(/load these counties again[^\n]*\n\s+231298/);
  });

  it('a load into the upgraded schema works: the county replaced, its parcels all there with the new columns filled, the reload cleared', async () => {
    const loaded = [];
    for (const kind of ['cultivated', 'permanent-basic'] as const) loaded.push(await readLayer(kind, join(DEMO, `${kind}.geojson`), nodeIO, {}));
    const r = await loadCounty(pool, { county: '231298', vintage: 2023, by: 'test', layers: loaded });
    expect(r.parcels).toBe(loaded[0].layer.parcels.length + loaded[1].layer.parcels.length);
    const s = await summaryFromDb(pool, {});
    expect(s.layers.map((l) => l.features)).toEqual(loaded.map((l) => l.layer.parcels.length));
    const n = await pool.query<{ n: number; m: number }>("SELECT count(*)::int AS n, count(*) FILTER (WHERE in_overlap IS NULL OR eff_net_m2 IS NULL)::int AS m FROM fa_parcel WHERE county = '231298'");
    expect(n.rows[0]).toEqual({ n: r.parcels, m: 0 });
    expect((await initSchema(pool)).reload).toEqual([]);
    // summaries are kept until a load changes the database: a reload with one layer less is seen at once
    const before = await summaryFromDb(pool, {});
    expect((await summaryFromDb(pool, {})).layers.map((l) => l.features)).toEqual(before.layers.map((l) => l.features));
    await loadCounty(pool, { county: '231298', vintage: 2023, by: 'test', layers: [loaded[0]] });
    expect((await summaryFromDb(pool, {})).layers.map((l) => l.kind)).toEqual(['cultivated']);
  });
});
