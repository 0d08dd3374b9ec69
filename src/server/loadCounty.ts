/**
 * Loading a county's layers into PostGIS: the engine reads and measures every file first (nothing is written if a
 * file is unreadable or has errors); the parcels are COPYed (pg-copy-streams; no per-row INSERT; two streams side
 * by side) into a fresh staging table attached to nothing, indexed and analysed there; then one transaction
 * replaces the county: the staging table becomes its partition, its pre-aggregates (rollup.ts), overlaps,
 * conflicts, findings and coverage cells are rewritten. Readers see the old county or the new one, never a mix; a
 * failure anywhere drops the staging table and leaves the old county as it was.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { parcelNetFactor } from '../core/area/netArea';
import type { Finding, LayerKind } from '../core/types';
import { parcelProps } from '../core/layers/propsTable';
import { copyRow, floatArray } from './copyText';
import { type Client, inTransaction, type Pool } from './db';
import { coverageCells, type Layer, layerOverlaps, parcelKeys, redlineConflicts, type TargetTable } from './engine';
import { rollup } from './rollup';
import { INDICATOR_COPY, INDICATOR_TABLES, indicatorLoad } from './indicatorsLoad';
import { CONFLICT_CHUNK_COPY, conflictChunkRows } from './conflictChunks';
import { REGION_COPY, regionRows } from './regionsLoad';
import { IMPACT_CELL_COPY, impactCellRows } from './impactCells';
import type { RewardRates } from '../core/analysis/indicators/rewardPenalty';
import { COUNTY_RE, partitionDdl, partitionSwapSql, stagingIndexSql } from './schema';
import { checkSchemaVersion, RELOADED_SQL } from './schemaUpgrade';
import { ewkbSize, flatParts, writeEwkb } from './wkb';
import { type BinaryCopyWriter, binaryCopy } from './copyBinary';
import { attrsOf, locationCode } from '../core/layers/attrTable';

export interface CountyLoad {
  county: string;
  name?: string;
  vintage?: number;
  /** Who loads (audit). */
  by?: string;
  layers: { layer: Layer; findings: Finding[] }[];
  targets?: TargetTable;
  /** The reward / compensation rates of the load's config (经济奖惩 in the indicators); the built-in ones otherwise. */
  rates?: RewardRates;
}

export type LoadProgress = (step: string, done: number, total: number) => void;

export interface LoadResult {
  county: string;
  parcels: number;
  ms: number;
  /** Where the time went (ms): engine pass (overlaps, keys, cells, rollups), COPY of parcels, the rest of the transaction, ANALYZE. */
  phases: { engine: number; copyParcels: number; index: number; rest: number; analyze: number };
}

/** The county a set of layers belongs to: the single 6-digit prefix of their region codes (else an error). */
export function countyOf(layers: readonly Layer[]): string {
  const seen = new Set<string>();
  for (const l of layers) for (const p of l.parcels) {
    const c = locationCode(p);
    if (c !== undefined && c.length >= 6) seen.add(c.slice(0, 6));
  }
  if (seen.size === 1) return [...seen][0];
  if (seen.size === 0) throw new Error('图层中没有区划代码，请用 --region 指定县级代码 / no region codes in the layers: give --region with the 6-digit county code');
  throw new Error(`图层含多个县 / the layers span several counties (${[...seen].slice(0, 5).join(', ')}…): load one county at a time with --region CODE`);
}

async function copyRows(c: Client, sql: string, rows: Iterable<string>): Promise<void> {
  const stream = c.query(copyFrom(sql));
  // batch lines into ~256 KB chunks: fewer stream writes
  function* chunks(): Generator<string> {
    let buf = '';
    for (const r of rows) {
      buf += r;
      if (buf.length > 262_144) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), stream);
}

/** A binary COPY (copyBinary.ts): the buffers as they are made. */
async function copyBuffers(c: Client, sql: string, buffers: Iterable<Buffer>): Promise<void> {
  await pipeline(Readable.from(buffers, { objectMode: false }), c.query(copyFrom(sql)));
}

const PARCEL_COLUMNS =
  'county, kind, pos, fid, pid, code, attrs, props, area_m2, net_m2, eff_m2, eff_net_m2, gddj, gdpdjb, vintage, county_key, township_key, village_key, county_label, township_label, village_label, land_key, land_label, grade_key, slope_key, gross_m2, tbmj, tbdlmj, tbdlmj_declared, yjjbnttbmj, in_overlap, geom, geom3857';
const PARCEL_FIELDS = PARCEL_COLUMNS.split(',').length;

/**
 * The columns the planner needs statistics of: those the server's queries filter or join on (county, kind, pos,
 * region code, the overlap flag, both geometries) — not the attributes' JSON or the labels, which ANALYZE would
 * otherwise sample and measure for nothing.
 */
const ANALYZED_COLUMNS = 'county, kind, pos, code, in_overlap, geom, geom3857';

/** An integer class (耕地等别, 坡度级别) that fits a smallint column, else null. */
const smallint = (v: number | undefined): number | null => (v !== undefined && Number.isInteger(v) && Math.abs(v) < 32000 ? v : null);

/** Advisory lock key taken by every county's transaction (a constant: "fa" load order). */
const LOAD_ORDER_LOCK = 0x6661_0001;

export async function loadCounty(pool: Pool, load: CountyLoad, progress: LoadProgress = () => undefined): Promise<LoadResult> {
  const t0 = performance.now();
  const { county } = load;
  if (!COUNTY_RE.test(county)) throw new Error(`县级代码应为 6 位数字 / the county code must be 6 digits, got "${county}"`);
  await checkSchemaVersion(pool);
  const layers = load.layers.map((l) => l.layer);
  // engine work first, outside the transaction
  const prepared = layers.map((layer) => {
    const ov = layerOverlaps(layer);
    const keys = layer.parcels.map((p, i) => parcelKeys(p, ov.effectiveAreaM2[i]));
    // in one of its layer's overlap pairs, or its effective part failed: impact needs its geometry
    const inOverlap = new Uint8Array(layer.parcels.length);
    for (const o of ov.overlaps) inOverlap[o.a] = inOverlap[o.b] = 1;
    const failed = new Set(ov.failures.map((f) => f.parcelId));
    layer.parcels.forEach((p, i) => {
      if (failed.has(p.id)) inOverlap[i] = 1;
    });
    return { layer, ov, keys, inOverlap, cells: coverageCells(layer) };
  });
  const aggs = prepared.map(({ layer, keys }) => [layer.kind, rollup(keys.map((k, pos) => ({ pos, keys: k, areaM2: layer.parcels[pos].areaM2 })))] as const);
  const conflicts = redlineConflicts(layers);
  const indicators = indicatorLoad(county, layers, load.rates);
  const impactCells = impactCellRows(county, prepared);
  const total = layers.reduce((s, l) => s + l.parcels.length, 0);
  const tEngine = performance.now();
  let done = 0;
  /** A layer's parcel rows [from, to) in binary COPY (copyBinary.ts), in PARCEL_COLUMNS order. */
  function parcelRows(w: BinaryCopyWriter, li: number, from: number, to: number): void {
    const { layer, keys, inOverlap } = prepared[li];
    const kind: LayerKind = layer.kind;
    const vintage = load.vintage ?? null;
    for (let i = from; i < to; i++) {
      const p = layer.parcels[i];
      const k = keys[i];
      const a = attrsOf(p);
      w.row(PARCEL_FIELDS);
      w.text(county);
      w.text(kind);
      w.int4(i);
      w.int4(p.index);
      w.text(p.id);
      w.text(k.code);
      w.text(JSON.stringify(a));
      w.text(JSON.stringify(parcelProps(layer, p)));
      w.float8(p.areaM2);
      w.float8(p.areaM2 * parcelNetFactor(a));
      w.float8(k.effM2);
      w.float8(k.effNetM2);
      w.int2(smallint(a.gddj));
      w.int2(smallint(a.gdpdjb));
      w.int4(vintage);
      w.text(k.county[0]);
      w.text(k.township[0]);
      w.text(k.village[0]);
      w.text(k.county[1]);
      w.text(k.township[1]);
      w.text(k.village[1]);
      w.text(k.land[0]);
      w.text(k.land[1]);
      w.text(k.grade);
      w.text(k.slope);
      w.float8(k.grossM2);
      w.float8(k.tbmj);
      w.float8(k.tbdlmj);
      w.bool(k.tbdlmjDeclared);
      w.float8(k.yjjbnttbmj);
      w.bool(inOverlap[i] === 1);
      const f = flatParts(p.geometry);
      const size = ewkbSize(f);
      // (field() first: it may start a new buffer, which target then is)
      const at = w.field(size);
      writeEwkb(w.target, at, f, 4490);
      const atMerc = w.field(size);
      writeEwkb(w.target, atMerc, f, 3857, true);
      done++;
      if (done % 20_000 === 0) progress('parcels', done, total);
    }
  }
  /** Every layer's parcels, the first or second half of each (for two COPY streams side by side), or all. */
  function parcelHalf(half: 0 | 1 | 'all'): Iterable<Buffer> {
    const parts = prepared.map(({ layer }, li) => {
      const n = layer.parcels.length;
      const mid = Math.floor(n / 2);
      return { li, from: half === 1 ? mid : 0, to: half === 0 ? mid : n };
    });
    // a few hundred rows per step: the stream asks for more as it drains
    const steps = parts.flatMap(({ li, from, to }) => Array.from({ length: Math.ceil((to - from) / 512) }, (_, s) => ({ li, from: from + s * 512, to: Math.min(to, from + (s + 1) * 512) })));
    return binaryCopy(steps, (w, st) => parcelRows(w, st.li, st.from, st.to));
  }
  const copyParcelsSql = (table: string) => `COPY ${table} (${PARCEL_COLUMNS}) FROM STDIN (FORMAT binary)`;
  let copyParcels = 0;
  let indexMs = 0;
  let analyzeMs = 0;
  const citus = (await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).rowCount! > 0;
  // Outside Citus the county's parcels go first into a fresh table of their own, committed but attached to
  // nothing (readers never see it): two COPY streams fill it side by side, its indexes are built after COPY (a GiST
  // build is far faster than row-by-row index inserts) two at a time, it is analysed — and then one transaction
  // swaps it in as the county's partition together with the county's other rows. A failure before the swap drops
  // it: nothing was loaded. (On Citus the partition, a distributed shard group, is truncated and refilled in place
  // inside the transaction: plain distributed DDL and COPY.)
  let staging = `fa_parcel_${county}`;
  if (!citus) {
    staging = `fa_parcel_load_${county}_${randomBytes(4).toString('hex')}`;
    try {
      await dropStaleStaging(pool, county);
      await pool.query(`CREATE TABLE ${staging} (LIKE fa_parcel INCLUDING DEFAULTS INCLUDING GENERATED, CONSTRAINT ${staging}_county CHECK (county = '${county}'))`);
      const tc = performance.now();
      await onTwoClients(pool, [(c) => copyBuffers(c, copyParcelsSql(staging), parcelHalf(0)), (c) => copyBuffers(c, copyParcelsSql(staging), parcelHalf(1))]);
      copyParcels = performance.now() - tc;
      progress('parcels', total, total);
      // from here until the transaction's aggregates the backends work and this process mostly waits: a caller
      // loading several counties may read the next one meanwhile (the bench does)
      progress('indexes', 0, 1);
      const ti = performance.now();
      const [idx1, idx2] = stagingIndexSql(staging);
      await onTwoClients(pool, [
        async (c) => {
          for (const sql of idx1) await c.query(sql);
        },
        async (c) => {
          for (const sql of idx2) await c.query(sql);
          const ta = performance.now();
          await c.query(`ANALYZE ${staging} (${ANALYZED_COLUMNS})`);
          analyzeMs = performance.now() - ta;
        },
      ]);
      indexMs = performance.now() - ti;
      progress('indexes', 1, 1);
    } catch (err) {
      await pool.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
      throw err;
    }
  }
  const tRest = performance.now();
  try {
    await inTransaction(pool, async (c) => {
      // county transactions one at a time from here (two `db load`s at once would otherwise both read the same
      // max(ord), and the province's load order — the order of an impact report's parcels — would tie)
      await c.query('SELECT pg_advisory_xact_lock($1)', [LOAD_ORDER_LOCK]);
      if (citus) {
        await c.query(partitionDdl(county));
        await c.query(`TRUNCATE ${staging}`);
      }
      for (const t of ['fa_agg', 'fa_overlap', 'fa_conflict', 'fa_finding', 'fa_cell', 'fa_layer', 'fa_county']) await c.query(`DELETE FROM ${t} WHERE county = $1`, [county]);
      const ord = await c.query<{ n: number }>('SELECT coalesce(max(ord), 0) + 1 AS n FROM fa_county');
      await c.query('INSERT INTO fa_county (county, name, vintage, loaded_by, ord) VALUES ($1, $2, $3, $4, $5)', [county, load.name ?? '', load.vintage ?? null, load.by ?? '', ord.rows[0].n]);
      if (citus) {
        const tc = performance.now();
        await copyBuffers(c, copyParcelsSql(staging), parcelHalf('all'));
        copyParcels = performance.now() - tc;
        progress('parcels', total, total);
      }
      for (const [li, { layer, ov, cells }] of prepared.entries()) {
        await c.query('INSERT INTO fa_layer (county, kind, ord, name, file, features, detail_min_zoom, busiest, bbox) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          county, layer.kind, li, layer.name, layer.file, layer.parcels.length, cells.detailMinZoom, JSON.stringify(cells.busiest), layer.bbox,
        ]);
        const kind: LayerKind = layer.kind;
        const codeOf = (i: number) => locationCode(layer.parcels[i]) ?? null;
        await copyRows(c, 'COPY fa_overlap (county, kind, a_pos, b_pos, a_code, b_code) FROM STDIN', ov.overlaps.map((o) => copyRow([county, kind, o.a, o.b, codeOf(o.a), codeOf(o.b)])));
        await copyRows(c, 'COPY fa_cell (county, kind, z, gx, gy, n, area) FROM STDIN', cells.cells.map((x) => copyRow([county, kind, x.z, x.gx, x.gy, x.n, x.area])));
        const byId = new Map(layer.parcels.map((p, i) => [p.id, i]));
        const fOrd = { n: 0 };
        const findingRows = [
          ...load.layers[li].findings.map((f) => copyRow([county, kind, f.file, f.severity, f.code, f.message, f.featureIndex, f.featureId, f.field, false, null, fOrd.n++])),
          ...ov.failures.map((f) => {
            const i = byId.get(f.parcelId);
            return copyRow([county, kind, layer.file, 'warning', 'overlap.failure', f.message, null, f.parcelId, null, true, i === undefined ? null : codeOf(i), fOrd.n++]);
          }),
        ];
        await copyRows(c, 'COPY fa_finding (county, kind, file, severity, code, message, feature_index, feature_id, field, failure, region_code, ord) FROM STDIN', findingRows);
      }
      const conflictRows: string[] = [];
      const aCode = new Map<string, string | null>();
      conflicts.forEach((cf, ci) => {
        const a = layers.find((l) => l.kind === cf.a);
        if (a) for (const p of a.parcels) aCode.set(`${cf.a}\u0000${p.id}`, locationCode(p) ?? null);
        if (cf.pairs.length === 0 && cf.failures.length === 0) conflictRows.push(copyRow([county, cf.a, cf.b, cf.aName, cf.bName, ci, null, null, null, null, null, null, null]));
        for (const p of cf.pairs) conflictRows.push(copyRow([county, cf.a, cf.b, cf.aName, cf.bName, ci, p.aId, p.bId, aCode.get(`${cf.a}\u0000${p.aId}`) ?? null, p.areaM2, p.netM2, floatArray(p.bbox), null]));
        for (const f of cf.failures) conflictRows.push(copyRow([county, cf.a, cf.b, cf.aName, cf.bName, ci, f.parcelId, null, aCode.get(`${cf.a}\u0000${f.parcelId}`) ?? null, null, null, null, f.message]));
      });
      await copyRows(c, 'COPY fa_conflict (county, a, b, a_name, b_name, ord, a_id, b_id, a_code, area_m2, net_m2, bbox, failure) FROM STDIN', conflictRows);
      if (!citus) for (const sql of partitionSwapSql(county, staging)) await c.query(sql);
      progress('aggregates', 0, 1);
      for (const [kind, rows] of aggs)
        await copyRows(
          c,
          'COPY fa_agg (county, kind, grain, g, dim, key, label, first_pos, features, eff_m2, eff_net_m2, gross_m2, tbmj_m2, tbmj_n, computed_tbmj_m2, tbdlmj_m2, tbdlmj_declared, tbdlmj_derived, yjjbnttbmj_m2, yjjbnttbmj_n) FROM STDIN',
          // written grain by grain, so a summary's rows of one grain lie on few pages (a province summary reads
          // every county's county-grain rows: scattered among the finer grains' they took ~1 page each)
          [...rows].sort((a, b) => a.grain - b.grain).map((r) => copyRow([county, kind, r.grain, r.g, r.dim, r.key, r.label, r.firstPos, r.features, r.effM2, r.effNetM2, r.grossM2, r.tbmjM2, r.tbmjN, r.computedTbmjM2, r.tbdlmjM2, r.tbdlmjDeclared, r.tbdlmjDerived, r.yjM2, r.yjN])),
        );
      if (load.targets) {
        for (const r of load.targets.regions)
          await c.query(
            `INSERT INTO fa_target (code, name, level, cultivated_mu, permanent_basic_mu, row, file) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, cultivated_mu = EXCLUDED.cultivated_mu,
               permanent_basic_mu = EXCLUDED.permanent_basic_mu, row = EXCLUDED.row, file = EXCLUDED.file`,
            [r.code, r.name, r.level, r.cultivatedMu ?? null, r.permanentBasicMu ?? null, r.row, load.targets.file],
          );
      }
      await c.query(RELOADED_SQL, [county]);
      await c.query('INSERT INTO fa_audit (who, action, detail) VALUES ($1, $2, $3)', [
        load.by ?? '', 'db.load', JSON.stringify({ county, vintage: load.vintage ?? null, layers: layers.map((l) => ({ kind: l.kind, file: l.file, features: l.parcels.length })) }),
      ]);
      // Per-county post-load steps: tables derived by the engine at load, each step deleting the county's rows and
      // writing them again inside this transaction (after the swap: the new partition is in place). New derived
      // tables go here. The quality indicators' pre-aggregates (indicatorsLoad.ts), conflict chunks and the region list:
      for (const t of [...INDICATOR_TABLES, 'fa_conflict_chunk', 'fa_region']) await c.query(`DELETE FROM ${t} WHERE county = $1`, [county]);
      await copyRows(c, CONFLICT_CHUNK_COPY, conflictChunkRows(county, conflicts, layers));
      await copyRows(c, REGION_COPY, regionRows(county, layers, load.targets));
      for (const k of ['sums', 'chunks'] as const) await copyRows(c, INDICATOR_COPY[k], indicators[k]);
      await c.query('INSERT INTO fa_ind_meta (county, body) VALUES ($1, $2)', [county, JSON.stringify(indicators.meta)]);
      // impact's per-cell pre-aggregates of the parcels a site can take whole (impactCells.ts)
      await c.query('DELETE FROM fa_impact_cell WHERE county = $1', [county]);
      await copyRows(c, IMPACT_CELL_COPY, impactCells);
      progress('aggregates', 1, 1);
    });
  } catch (err) {
    if (!citus) await pool.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
    throw err;
  }
  const tAnalyze = performance.now();
  if (citus) {
    await pool.query(`ANALYZE fa_parcel_${county} (${ANALYZED_COLUMNS})`);
    analyzeMs = performance.now() - tAnalyze;
  }
  const end = performance.now();
  return {
    county, parcels: total, ms: end - t0,
    phases: { engine: tEngine - t0, copyParcels, index: indexMs, rest: tAnalyze - tRest - (citus ? copyParcels : 0), analyze: analyzeMs },
  };
}

/**
 * Run two jobs side by side, each on a connection of its own (both released whatever happens) — one after the
 * other on one connection when the pool allows only one (two connects would wait for each other forever).
 */
async function onTwoClients(pool: Pool, jobs: [(c: Client) => Promise<void>, (c: Client) => Promise<void>]): Promise<void> {
  if ((pool.options.max ?? 10) < 2) {
    const c = await pool.connect();
    try {
      for (const job of jobs) await job(c);
    } finally {
      c.release();
    }
    return;
  }
  const clients = await Promise.all([pool.connect(), pool.connect()]);
  try {
    const settled = await Promise.allSettled(jobs.map((job, i) => job(clients[i])));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    for (const c of clients) c.release();
  }
}

/** Staging tables a crashed or failed load of this county left behind (never attached: nobody reads them). */
async function dropStaleStaging(pool: Pool, county: string): Promise<void> {
  const r = await pool.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1",
    [`fa_parcel_load_${county}_%`],
  );
  for (const { t } of r.rows) if (/^fa_parcel_load_\d{6}_[0-9a-f]{8}$/.test(t)) await pool.query(`DROP TABLE IF EXISTS ${t}`);
}
