/**
 * Province bench on PostgreSQL/PostGIS (DATABASE_URL; its own schema fa_bench, dropped first): generates N synthetic
 * counties with genCounty.ts (side by side), loads each through `farmland db load`'s path, and prints load
 * throughput, database size, tile p50/p95 at z8/z11/z14, region summary p95 and impact p95 for ~2 km and ~20 km
 * sites — beside the embedded engine on one county in memory.
 *
 *   DATABASE_URL=… npx tsx test/bench/dbBench.ts [--counties 3] [--parcels 100000] [--reuse] [--impact-only] [--in-process]   (npm run bench:db -- …)
 * --reuse measures the province loaded by an earlier run (same --counties / --parcels) without loading it again;
 * --impact-only skips tiles, summaries and indicators.
 *
 * The generator writes the same ZLDWDM (230999…) for every county; each is loaded under its own county code
 * (2309CC) so partitions, tiles and impact see a province; region summaries are asked for 23, 230999 and its townships.
 */
import { summarize } from '../../src/core/analysis/summary';
import { computeImpact } from '../../src/core/analysis/impact';
import type { AreaGeometry } from '../../src/core/types';
import { nodeIO } from '../../src/cli/io';
import { readManifest } from '../../src/cli/manifest';
import { openPool } from '../../src/server/db';
import { impactOn, readLayer } from '../../src/server/engine';
import { loadCounty } from '../../src/server/loadCounty';
import { impactFromDb } from '../../src/server/impactDb';
import { liveImpactFromDb } from '../../src/server/impactAnswer';
import { liveOf } from '../../src/core/engine/drawing';
import { impactFromDbPrevious } from './impactDbPrevious';
import { impactLayersInBox } from '../../src/server/parcels';
import { initSchema } from '../../src/server/schemaUpgrade';
import { summaryFromDb } from '../../src/server/summaryDb';
import { indicatorsFromDb } from '../../src/server/indicatorsDb';
import { detailZoom, tile } from '../../src/server/tiles';
import { mercX, mercY } from '../../src/worker/tiles/tileIndex';
import { clusterCpuSeconds, selfChildrenCpuSeconds } from './clusterCpu';
import { loadByCli } from './dbBenchCli';
import { defaultCountyDir, ensureCounty } from './genCounty';
import { mulberry32 } from './genParcels';
import { numberArg } from './numberArg';

const COUNTIES = numberArg('counties', 3);
const PARCELS = numberArg('parcels', 100_000);
const SCHEMA = 'fa_bench';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms · p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
const square = (cx: number, cy: number, km: number): AreaGeometry => {
  const dLat = km / 2 / 111.32;
  const dLon = dLat / Math.cos((cy * Math.PI) / 180);
  return { type: 'Polygon', coordinates: [[[cx - dLon, cy - dLat], [cx + dLon, cy - dLat], [cx + dLon, cy + dLat], [cx - dLon, cy + dLat], [cx - dLon, cy - dLat]]] };
};

/**
 * County c of the province: the first is genCounty's default (seed 7 at its default origin 127.2° E 45.6° N, the
 * cache other benches share); the others on a 0.9° × 0.6° grid from 125° E 45° N, in a cache folder named after
 * their origin, the two grid cells that would overlap the first county moved one row south.
 */
function countyAt(c: number) {
  if (c === 0) return ensureCounty({ parcels: PARCELS, seed: 7 });
  const row = Math.floor(c / 4);
  const lon = 125 + (c % 4) * 0.9;
  const origin = { lon, lat: row === 1 && lon + 0.7 > 127.2 ? 44.4 : 45 + row * 0.6 };
  return ensureCounty({ parcels: PARCELS, seed: 7 + c, origin, dir: `${defaultCountyDir(PARCELS, 7 + c, 0.2)}-at${origin.lon.toFixed(1)}_${origin.lat.toFixed(1)}` });
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (a PostgreSQL with PostGIS)');
  const reuse = process.argv.includes('--reuse');
  const admin = openPool(undefined, 1, undefined);
  if (!reuse) {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  }
  const pool = openPool(undefined, 4, SCHEMA);
  if (!reuse) await initSchema(pool);
  console.log(`province bench: ${COUNTIES} counties × ${PARCELS.toLocaleString('en')} parcels (synthetic), PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}`);
  const bboxes: [number, number, number, number][] = [];
  let loadMs = 0;
  let readMs = 0;
  let total = 0;
  let firstLayers: Awaited<ReturnType<typeof readLayer>>['layer'][] = [];
  // the counties' engine reads, each started once the previous county's parcels are COPYed (its indexes and
  // transaction are the backends' work: Node reads the next county meanwhile) — as a province load runs
  const readCounty = async (c: number) => {
    const county = countyAt(c);
    const m = await readManifest(county.manifest, nodeIO);
    const t0 = performance.now();
    const layers = [];
    for (const l of m.layers.filter((x) => x.kind === 'cultivated' || x.kind === 'permanent-basic' || x.kind === 'eco-redline')) layers.push(await readLayer(l.kind, l.path, nodeIO, {}, l.name));
    return { county, layers, readMs: performance.now() - t0 };
  };
  const reads = new Map<number, ReturnType<typeof readCounty>>();
  const readOnce = (c: number) => {
    if (c < COUNTIES && !reads.has(c)) reads.set(c, readCounty(c));
    return reads.get(c);
  };
  const tWall = performance.now();
  const cpu0 = process.cpuUsage();
  const children0 = selfChildrenCpuSeconds();
  const pg0 = await clusterCpuSeconds(pool);
  // Default: every county loaded by its own `farmland db load` process, as a bureau runs it (the next one started
  // when the previous one's backends build its indexes: at most two at once). --in-process: one Node process reads
  // and loads them all (its heap holds up to three counties — more GC, a slower load — kept for comparison).
  const inProcess = process.argv.includes('--in-process');
  if (!reuse && !inProcess) {
    const runs = await loadByCli(
      Array.from({ length: COUNTIES }, (_, c) => ({ code: `2309${String(c + 1).padStart(2, '0')}`, manifest: countyAt(c).manifest })),
      SCHEMA,
      (line) => console.log(`  ${line}`),
    );
    for (let c = 0; c < COUNTIES; c++) bboxes.push(countyAt(c).meta.bbox);
    total = runs.reduce((a, r) => a + r.parcels, 0);
    loadMs = runs.reduce((a, r) => a + r.dbMs, 0);
    readMs = runs.reduce((a, r) => a + r.readMs, 0);
  }
  let wallMs = performance.now() - tWall;
  let nodeCpu = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu0)) + (selfChildrenCpuSeconds() - children0);
  let pg1 = await clusterCpuSeconds(pool);
  if (!reuse && !inProcess) firstLayers = (await readCounty(0)).layers.map((l) => l.layer);
  for (let c = 0; c < COUNTIES && (reuse || inProcess); c++) {
    if (reuse && c > 0) {
      bboxes.push(countyAt(c).meta.bbox);
      continue;
    }
    const read = await readOnce(c);
    if (!read) break;
    reads.delete(c);
    const { county, layers } = read;
    const t1 = performance.now();
    if (reuse) {
      bboxes.push(county.meta.bbox);
      if (c === 0) firstLayers = layers.map((l) => l.layer);
      continue;
    }
    const r = await loadCounty(pool, { county: `2309${String(c + 1).padStart(2, '0')}`, vintage: 2024, by: 'bench', layers }, (step) => {
      if (step === 'indexes') void readOnce(c + 1);
    });
    void readOnce(c + 1);
    readMs += read.readMs;
    loadMs += r.ms;
    total += r.parcels;
    bboxes.push(county.meta.bbox);
    if (c === 0) firstLayers = layers.map((l) => l.layer);
    else layers.length = 0;
    console.log(`  county ${c + 1}: ${r.parcels.toLocaleString('en')} parcels — engine read ${(read.readMs / 1000).toFixed(1)} s${c > 0 ? ' (beside the previous load)' : ''}, database load ${((performance.now() - t1) / 1000).toFixed(1)} s (engine pass ${(r.phases.engine / 1000).toFixed(1)} s, COPY parcels ${(r.phases.copyParcels / 1000).toFixed(1)} s, indexes + ANALYZE beside them ${(r.phases.index / 1000).toFixed(1)} s (ANALYZE ${(r.phases.analyze / 1000).toFixed(1)} s), the county's transaction ${(r.phases.rest / 1000).toFixed(1)} s)`);
  }
  if (inProcess && !reuse) {
    wallMs = performance.now() - tWall;
    nodeCpu = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu0));
    pg1 = await clusterCpuSeconds(pool);
  }
  if (!reuse)
    console.log(
      `load: ${total.toLocaleString('en')} parcels in ${(wallMs / 1000).toFixed(1)} s — end to end ${Math.round(total / (wallMs / 1000)).toLocaleString('en')}/s (wall clock${inProcess ? ", one process: each county's engine read beside the previous county's indexes and transaction" : ', one `farmland db load` process per county, the next started when the previous builds its indexes'}); engine read+measure ${Math.round(total / (readMs / 1000)).toLocaleString('en')}/s; database load (engine pass, COPY, indexes, transaction) ${Math.round(total / (loadMs / 1000)).toLocaleString('en')}/s; the two one after the other ${Math.round(total / ((readMs + loadMs) / 1000)).toLocaleString('en')}/s`,
    );
  if (!reuse && pg0 !== undefined && pg1 !== undefined) {
    // the CPU the load took, which other work on a shared machine does not inflate the way it inflates the wall
    // clock; with two cores of its own the load takes at least the larger of Node's CPU and half of the total
    const pgCpu = pg1 - pg0;
    // (one process: Node's work is one thread's; a process per county: two may run at once)
    const floor = inProcess ? Math.max(nodeCpu, (nodeCpu + pgCpu) / 2) : (nodeCpu + pgCpu) / 2;
    console.log(
      `load CPU: Node ${nodeCpu.toFixed(1)} s + PostgreSQL ${pgCpu.toFixed(1)} s (${(((nodeCpu + pgCpu) / total) * 1e5).toFixed(1)} CPU s per 100k parcels); on two cores of its own at most ${Math.round(total / floor).toLocaleString('en')} parcels/s${inProcess ? ' (Node busy all along, the backends on the other core)' : ''}`,
    );
  }
  const size = await pool.query<{ s: string }>(`SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [SCHEMA]);
  console.log(`database size (schema ${SCHEMA}, tables + indexes): ${size.rows[0].s}`);
  const rnd = mulberry32(42);
  if (!process.argv.includes('--impact-only')) await tilesAndSummaries(pool, bboxes, rnd);
  await impacts(pool, bboxes, rnd, firstLayers);
  const t0 = performance.now();
  summarize(firstLayers, {});
  console.log(`embedded summary of one county in memory (engine, no aggregates): ${(performance.now() - t0).toFixed(0)} ms`);
  await pool.end();
  await admin.end();
}

type Pool = ReturnType<typeof openPool>;
type Box = [number, number, number, number];

async function tilesAndSummaries(pool: Pool, bboxes: Box[], rnd: () => number) {
  const dz = await detailZoom(pool, 'cultivated');
  for (const z of [8, 11, 14]) {
    const times: number[] = [];
    let feats = 0;
    for (let i = 0; i < 30; i++) {
      const b = bboxes[Math.floor(rnd() * bboxes.length)];
      const lon = b[0] + (b[2] - b[0]) * rnd();
      const lat = b[1] + (b[3] - b[1]) * rnd();
      const t0 = performance.now();
      const t = await tile(pool, { kind: 'cultivated', z, x: Math.floor(mercX(lon) * 2 ** z), y: Math.floor(mercY(lat) * 2 ** z) }, dz);
      times.push(performance.now() - t0);
      feats += t.features;
    }
    console.log(`tile z${z} (${dz !== null && z >= dz ? 'parcels' : 'coverage cells'}): ${fmt(times)}, ${Math.round(feats / 30)} features/tile`);
  }
  // regions present in the data: the province prefix, the (synthetic) county code all counties carry, townships
  const regions = [undefined, '23', '230999', ...Array.from({ length: 12 }, (_, i) => `230999${101 + i}`)];
  // a region's summary is computed on its first call after a load, then kept until the next load (summaryDb.ts):
  // both are measured — the first call of each region, then calls again; the conflict pairs are read every time
  const cold: number[] = [];
  for (const region of regions) {
    const t0 = performance.now();
    await summaryFromDb(pool, { region, conflicts: false });
    cold.push(performance.now() - t0);
  }
  console.log(`region summary totals, breakdowns and target lines (no conflict pairs), first call per region after the load: ${fmt(cold)}`);
  for (const conflicts of [false, true]) {
    const sum: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await summaryFromDb(pool, { region: regions[i % regions.length], conflicts });
      sum.push(performance.now() - t0);
    }
    console.log(`region summary ${conflicts ? 'with every 三区三线 conflict pair (as `farmland summary --json`; pairs read each call)' : 'totals, breakdowns and target lines (no conflict pairs), asked again (kept until the next load)'}: ${fmt(sum)}`);
  }
  // the quality indicators of `db summary --json` (fa_ind_sum lookups, the selection's candidates ranked by the engine's scoring)
  const ind: number[] = [];
  let candidates = 0;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const r = await indicatorsFromDb(pool, { region: regions[i % regions.length] });
    ind.push(performance.now() - t0);
    candidates = Math.max(candidates, r.highStandard?.candidates.length ?? 0);
  }
  console.log(`region indicators (sums, by region, every ranked candidate — up to ${candidates.toLocaleString('en')}): ${fmt(ind)}`);
}

/**
 * Impact: the server's path (the cells a site covers read as pre-aggregates, the parcels of the cells a site edge
 * crosses classified by SQL, edge parcels by the engine), beside main's before
 * issue 19 §5 (impactDbPrevious.ts: the same split, one row of JSON columns for the inside parcels, per-parcel tests
 * inlined), the older one (every parcel of the box read back, wholly-inside ones as placeholders, engine on all) and
 * the engine in memory; each site through all of them in turn, so their timings share the machine's load.
 */
async function impacts(pool: Pool, bboxes: Box[], rnd: () => number, firstLayers: Awaited<ReturnType<typeof readLayer>>['layer'][]) {
  const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  // one untimed site through every path first: the first call of each pays for compiling its code
  {
    const b = bboxes[0];
    const s = [square((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 2)];
    await impactFromDb(pool, s);
    await impactFromDbPrevious(pool, s);
    computeImpact(s, firstLayers);
  }
  for (const km of [2, 20]) {
    const db: number[] = [];
    const main: number[] = [];
    const prev: number[] = [];
    const mem: number[] = [];
    const live: number[] = [];
    let liveDiffers = 0;
    let mismatches = 0;
    let differsFromMain = 0;
    let farFromMain = 0;
    let fromCells = 0;
    let summed = 0;
    let sent = 0;
    const n = 20;
    for (let i = 0; i < n; i++) {
      const b = bboxes[0];
      const site = square(b[0] + (b[2] - b[0]) * (0.3 + 0.4 * rnd()), b[1] + (b[3] - b[1]) * (0.3 + 0.4 * rnd()), km);
      const s = [site];
      const box = [site.coordinates[0][0][0], site.coordinates[0][0][1], site.coordinates[0][2][0], site.coordinates[0][2][1]] as [number, number, number, number];
      const t0 = performance.now();
      const got = await impactFromDb(pool, s);
      db.push(performance.now() - t0);
      summed += got.summedInSql;
      fromCells += got.fromCells;
      sent += got.sentToEngine;
      // the drawing's live figures (POST /api/impact form 'live'): the same sums, without the cells' parcel ids
      const tl = performance.now();
      const lv = await liveImpactFromDb(pool, s);
      live.push(performance.now() - tl);
      const full = liveOf(got.report);
      if (lv.siteAreaM2 !== full.siteAreaM2 || lv.layers.some((l, k) => l.areaM2 !== full.layers[k]?.areaM2 || l.parcels !== full.layers[k]?.parcels)) liveDiffers++;
      const tm = performance.now();
      const was = await impactFromDbPrevious(pool, s);
      main.push(performance.now() - tm);
      if (JSON.stringify(plain(was.report)) !== JSON.stringify(plain(got.report))) differsFromMain++;
      if (!near(plain(was.report), plain(got.report))) farFromMain++;
      const tp = performance.now();
      const before = impactOn(s, await impactLayersInBox(pool, box, s));
      prev.push(performance.now() - tp);
      const t1 = performance.now();
      const e = computeImpact(s, firstLayers);
      mem.push(performance.now() - t1);
      for (const l of e.layers) {
        const d = got.report.layers.find((x) => x.kind === l.kind);
        const p = before.layers.find((x) => x.kind === l.kind);
        const same =
          d !== undefined && rel(d.areaM2, l.areaM2) && rel(d.netM2, l.netM2) && d.parcels === l.parcels && d.parcelIds.every((id, k) => id === l.parcelIds[k]) &&
          Object.entries(l.byGrade).every(([k, v]) => rel(d.byGrade[k]?.areaM2 ?? Number.NaN, v.areaM2)) && p?.areaM2 === l.areaM2;
        if (!same) mismatches++;
      }
      const c = got.report.compensation;
      if (!rel(c.quantityMu, e.compensation.quantityMu) || !rel(c.feeYuan, e.compensation.feeYuan) || !rel(c.capacityKg ?? 0, e.compensation.capacityKg ?? 0)) mismatches++;
    }
    console.log(
      `impact ${km} km site: server (parcels wholly inside summed by the database, ~${Math.round(summed / n).toLocaleString('en')}/site, of which ~${Math.round(fromCells / n).toLocaleString('en')} read as cell pre-aggregates; ~${Math.round(sent / n).toLocaleString('en')} edge parcels to the engine) ${fmt(db)} · the drawing's live figures (form 'live': no parcel ids) ${fmt(live)}, ≠ the full report's: ${liveDiffers} · main's server path before issue 19 §5 ${fmt(main)} (now/before: p50 ${(pct(db, 50) / pct(main, 50)).toFixed(2)}× · p95 ${(pct(db, 95) / pct(main, 95)).toFixed(2)}×) · older server path (box read back, engine on all) ${fmt(prev)} · embedded engine in memory ${fmt(mem)} · figures ≠ engine (1e-9): ${mismatches} · reports ≠ main's (JSON, stats included: exact ${differsFromMain}, beyond 1e-9 ${farFromMain})`,
    );
  }
}

/** Two plain values equal, numbers within 1e-9 (relative above 1). */
const near = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => near((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
};

/** A report as plain JSON (typed arrays as arrays), for comparing two reports value for value. */
const plain = (r: object): unknown => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
