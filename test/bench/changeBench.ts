/**
 * Bench part (e), issue #17: the exact overlay of two vintages of N parcels each (src/core/change/overlay.ts),
 * beside PostGIS `ST_Intersection` of the same two layers when a PostgreSQL with PostGIS answers `psql` (database
 * farmland_change_bench; connection from the usual PG* environment variables). Without one, the PostGIS column says
 * why and the engine figures stand alone.
 *
 * Data (seeded, deterministic): vintage 1 is a jittered grid of ~100 m cells (every interior vertex shared by four
 * cells: a partition, as a survey DLTB is); vintage 2 is the same grid with 3 % of the cells given another 地类 and
 * 1 % cut north–south through their middle (the cut's ends are T-junctions on the neighbours' edges, as a
 * re-digitised boundary is, which sends those pairs to the clipping fallback).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { overlayVintages } from '../../src/core/change/overlay';
import { changeReport } from '../../src/core/change/report';
import { loadVintage } from '../../src/core/change/vintage';
import { mulberry32 } from './genParcels';

const CODES = ['0101', '0102', '0103', '0103', '0103', '0201', '0301', '0404', '0702', '1006', '1104'];

export interface ChangeBenchResult {
  parcels: { before: number; after: number };
  generateMs: number;
  loadMs: number;
  loadCpuMs: number;
  overlayMs: number;
  overlayCpuMs: number;
  reportMs: number;
  pieces: number;
  progressEvents: number;
  totalM2: number;
  reconciliationRelErr: number;
  postgis: { ok: true; loadMs: number; indexMs: number; intersectionMs: number; pairs: number; totalM2: number } | { ok: false; reason: string };
}

type Feature = { type: 'Feature'; properties: Record<string, string | number>; geometry: { type: 'Polygon'; coordinates: number[][][] } };

export function changeVintagesForBench(n: number, seed = 20_241_204): { before: Feature[]; after: Feature[] } {
  const rng = mulberry32(seed);
  const nx = Math.max(2, Math.round(Math.sqrt(n * 2)));
  const ny = Math.max(1, Math.round(n / nx));
  const d = 0.0012;
  const x0 = 125.5;
  const y0 = 46.0;
  const vx = new Float64Array((nx + 1) * (ny + 1));
  const vy = new Float64Array((nx + 1) * (ny + 1));
  for (let i = 0; i <= nx; i++)
    for (let j = 0; j <= ny; j++) {
      const k = i * (ny + 1) + j;
      const inner = i > 0 && i < nx && j > 0 && j < ny;
      vx[k] = Math.round((x0 + i * d + (inner ? (rng() - 0.5) * 0.4 * d : 0)) * 1e7) / 1e7;
      vy[k] = Math.round((y0 + j * d * 0.7 + (inner ? (rng() - 0.5) * 0.4 * d * 0.7 : 0)) * 1e7) / 1e7;
    }
  const P = (i: number, j: number) => [vx[i * (ny + 1) + j], vy[i * (ny + 1) + j]];
  const before: Feature[] = [];
  const after: Feature[] = [];
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++) {
      const id = `${i * ny + j + 1}`;
      const code = CODES[Math.floor(rng() * CODES.length)];
      const props = { BSM: id, DLBM: code, KCXS: code.startsWith('01') ? Math.round(rng() * 15) / 100 : 0, ZZSXDM: rng() < 0.02 ? 'WG' : 'LS', GDDJ: 1 + Math.floor(rng() * 10), ZLDWDM: `230999${String(100 + (i % 10)).padStart(3, '0')}${String(200 + (j % 30)).padStart(3, '0')}0000000` };
      const ring = [P(i, j), P(i + 1, j), P(i + 1, j + 1), P(i, j + 1), P(i, j)];
      before.push({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } });
      const r = rng();
      if (r < 0.03) after.push({ type: 'Feature', properties: { ...props, DLBM: CODES[(CODES.indexOf(code) + 1 + Math.floor(rng() * 5)) % CODES.length] }, geometry: { type: 'Polygon', coordinates: [ring] } });
      else if (r < 0.04) {
        const mb = [(P(i, j)[0] + P(i + 1, j)[0]) / 2, (P(i, j)[1] + P(i + 1, j)[1]) / 2];
        const mt = [(P(i, j + 1)[0] + P(i + 1, j + 1)[0]) / 2, (P(i, j + 1)[1] + P(i + 1, j + 1)[1]) / 2];
        after.push({ type: 'Feature', properties: { ...props, BSM: `${id}a` }, geometry: { type: 'Polygon', coordinates: [[P(i, j), mb, mt, P(i, j + 1), P(i, j)]] } });
        after.push({ type: 'Feature', properties: { ...props, BSM: `${id}b`, DLBM: '1003', KCXS: 0 }, geometry: { type: 'Polygon', coordinates: [[mb, P(i + 1, j), P(i + 1, j + 1), mt, mb]] } });
      } else after.push({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  return { before, after };
}

function psql(sql: string, db = 'farmland_change_bench'): { ok: boolean; out: string; err: string } {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-At', '-c', sql], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ok: r.status === 0, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

/** Wall and this process's CPU time (ms): on a shared machine the CPU time is the steadier figure. */
const timedCpu = <T>(f: () => T): [T, number, number] => {
  const c = process.cpuUsage();
  const [v, wall] = timed(f);
  const u = process.cpuUsage(c);
  return [v, wall, (u.user + u.system) / 1000];
};

function postgisBench(before: Feature[], after: Feature[], log: (m: string) => void): ChangeBenchResult['postgis'] {
  const probe = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, reason: 'psql not found' };
  const hello = psql('SELECT 1', 'postgres');
  if (!hello.ok) return { ok: false, reason: `PostgreSQL not reachable (${hello.err.trim().split('\n')[0]})` };
  if (!psql('SELECT 1').ok) {
    const c = psql('CREATE DATABASE farmland_change_bench', 'postgres');
    if (!c.ok) return { ok: false, reason: `cannot create database farmland_change_bench (${c.err.trim().split('\n')[0]})` };
  }
  const ext = psql('CREATE EXTENSION IF NOT EXISTS postgis');
  if (!ext.ok) return { ok: false, reason: `PostGIS not available (${ext.err.trim().split('\n')[0]})` };
  const dir = mkdtempSync(join(tmpdir(), 'farmland-change-bench-'));
  try {
    const csv = (fs: Feature[]) => fs.map((f, i) => `${i}\t${f.properties.DLBM}\tSRID=4490;POLYGON((${f.geometry.coordinates[0].map((p) => `${p[0]} ${p[1]}`).join(',')}))`).join('\n');
    writeFileSync(join(dir, 'b.tsv'), `${csv(before)}\n`);
    writeFileSync(join(dir, 'a.tsv'), `${csv(after)}\n`);
    log('bench: PostGIS — loading both layers');
    const load = psql('DROP TABLE IF EXISTS vb, va; CREATE TABLE vb (id int, dlbm text, geom geometry(Polygon, 4490)); CREATE TABLE va (id int, dlbm text, geom geometry(Polygon, 4490));');
    if (!load.ok) return { ok: false, reason: `create tables failed: ${load.err.trim().split('\n')[0]}` };
    const t0 = performance.now();
    const c1 = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'farmland_change_bench', '-c', `\\copy vb FROM '${join(dir, 'b.tsv')}'`, '-c', `\\copy va FROM '${join(dir, 'a.tsv')}'`], { encoding: 'utf8' });
    const loadMs = performance.now() - t0;
    if (c1.status !== 0) return { ok: false, reason: `COPY failed: ${(c1.stderr ?? '').trim().split('\n')[0]}` };
    const [ix, indexMs] = timed(() => psql('CREATE INDEX ON vb USING gist (geom); CREATE INDEX ON va USING gist (geom); ANALYZE vb; ANALYZE va;'));
    if (!ix.ok) return { ok: false, reason: `index failed: ${ix.err.trim().split('\n')[0]}` };
    log('bench: PostGIS — ST_Intersection of every intersecting pair');
    const [q, intersectionMs] = timed(() =>
      psql('SELECT count(*), sum(ST_Area(ST_Intersection(b.geom, a.geom)::geography)) FROM vb b JOIN va a ON ST_Intersects(b.geom, a.geom)'),
    );
    if (!q.ok) return { ok: false, reason: `query failed: ${q.err.trim().split('\n')[0]}` };
    const [pairs, total] = q.out.trim().split('|').map(Number);
    psql('DROP TABLE IF EXISTS vb, va');
    return { ok: true, loadMs, indexMs, intersectionMs, pairs, totalM2: total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runChangeBench(n: number, opts: { postgis?: boolean; log?: (m: string) => void } = {}): ChangeBenchResult {
  const log = opts.log ?? (() => {});
  log(`bench: change overlay, 2 × ${n.toLocaleString('en-US')} parcels`);
  const [{ before, after }, generateMs] = timed(() => changeVintagesForBench(n));
  const [[b, a], loadMs, loadCpuMs] = timedCpu(() => [loadVintage('before', before, '前期 before'), loadVintage('after', after, '后期 after')] as const);
  let progressEvents = 0;
  const [pieces, overlayMs, overlayCpuMs] = timedCpu(() => overlayVintages(b.layer, a.layer, { onProgress: () => progressEvents++ }));
  const [report, reportMs] = timed(() => changeReport(pieces));
  const r = report.reconciliation;
  const reconciliationRelErr = r ? Math.max(Math.abs(r.rowsM2 - r.beforeTotalM2) / r.beforeTotalM2, Math.abs(r.columnsM2 - r.afterTotalM2) / r.afterTotalM2) : Number.NaN;
  let totalM2 = 0;
  for (let k = 0; k < pieces.count; k++) if (pieces.b[k] >= 0 && pieces.a[k] >= 0) totalM2 += pieces.areaM2[k];
  const postgis: ChangeBenchResult['postgis'] = opts.postgis === false ? { ok: false, reason: 'skipped (--no-postgis)' } : postgisBench(before, after, log);
  return { parcels: { before: b.layer.parcels.length, after: a.layer.parcels.length }, generateMs, loadMs, loadCpuMs, overlayMs, overlayCpuMs, reportMs, pieces: pieces.count, progressEvents, totalM2, reconciliationRelErr, postgis };
}

export function changeBenchTable(r: ChangeBenchResult): string {
  const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`;
  const rows: [string, string, string][] = [
    ['parcels (before / after)', `${r.parcels.before.toLocaleString('en-US')} / ${r.parcels.after.toLocaleString('en-US')}`, ''],
    ['load both (validate, area, index)', `${ms(r.loadMs)} (CPU ${ms(r.loadCpuMs)})`, r.postgis.ok ? `COPY ${ms(r.postgis.loadMs)} + GiST ${ms(r.postgis.indexMs)}` : '—'],
    ['exact overlay (pairs + gaps)', `${ms(r.overlayMs)} (CPU ${ms(r.overlayCpuMs)})`, r.postgis.ok ? `ST_Intersection ${ms(r.postgis.intersectionMs)}` : `PostGIS: ${r.postgis.reason}`],
    ['report (matrix, flows, …)', ms(r.reportMs), ''],
    ['pieces / PostGIS pairs', r.pieces.toLocaleString('en-US'), r.postgis.ok ? r.postgis.pairs.toLocaleString('en-US') : '—'],
    ['Σ pair areas (m²)', r.totalM2.toFixed(1), r.postgis.ok ? `${r.postgis.totalM2.toFixed(1)} (geography; rel. diff ${(Math.abs(r.postgis.totalM2 - r.totalM2) / r.totalM2).toExponential(1)})` : '—'],
    ['overlay / PostGIS intersection (wall)', r.postgis.ok ? `${(r.overlayMs / r.postgis.intersectionMs).toFixed(2)}×` : '—', r.postgis.ok ? `(load + overlay ${(((r.loadMs + r.overlayMs) / (r.postgis.loadMs + r.postgis.indexMs + r.postgis.intersectionMs))).toFixed(2)}× COPY + GiST + ST_Intersection)` : ''],
    ['rows/columns vs vintage totals (rel.)', r.reconciliationRelErr.toExponential(1), ''],
    ['progress events', String(r.progressEvents), ''],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  return ['(e) change overlay (issue #17)            engine            PostGIS', ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`)].join('\n');
}
