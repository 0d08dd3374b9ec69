/**
 * `npm run bench [-- --parcels 100000,500000] [--sites 40,12,4] [--json] [--out FILE.json]
 *                  [--no-browser | --browser-only] [--browser-sizes 50000,200000,500000] [--browser-paths tiles,geojson]
 *                  [--no-transfer] [--live demo,500000 | --no-live] [--live-moves 40] [--live-base COMMIT [--live-rounds 2] [--live-pack]]
 *                  [--tasks 8 | --no-tasks]`
 *
 * One run, four parts, printed side by side at the end against the goals of issues 7, 6 and 5:
 *   (a) engine, in Node (benchLib.ts): bare JSON.parse vs engine load, area methods, impact p50/p95 for 2 km and
 *       20 km sites — seeded field parcels (test/bench/genParcels.ts); --sites: 2 km sites, 20 km sites, and how
 *       many of the 20 km sites also run the slow turf.intersect baseline;
 *   (b) headless Chromium on the bench page (test/bench/browser/run.ts): for 50k / 200k / 500k parcels, the chosen
 *       path (worker-cut tiles) vs a plain MapLibre GeoJSON source — first parcels on screen, idle, longest
 *       main-thread task while panning and zooming, renderer memory; and the worker → main thread hand-over;
 *   (c) the REAL built dashboard (test/bench/live/run.ts): live-update latency while drawing (mouse event → the
 *       draw panel's live figures changed) on the demo data and on a generated 500k-parcel county
 *       (test/bench/genCounty.ts), and how long the app takes to load that county; with --live-base COMMIT, that
 *       commit's app and this checkout's load each county in turn, --live-rounds times each, and the table prints
 *       ready and renderer memory of both and their ratios (live/loadCompare.ts); --live-pack: this checkout also loads the
 *       county from its layer packs (.fpk, test/bench/countyPacks.ts) in each round, with a goals row of its own;
 *   (d) the REAL built dashboard on the demo data (test/bench/live/dashboardTasks.ts): the demo e2e test's
 *       interaction after load (layer toggle, hover, click, region filter, panel switch) in `--tasks` fresh pages,
 *       each traced: the longest main-thread task, wall and thread CPU, against issue 5's 100 ms.
 *   (e) issue #17 (changeBench.ts): the exact overlay of two vintages of `--change N` parcels (default 500,000)
 *       beside PostGIS ST_Intersection of the same layers (database farmland_change_bench; skipped with the reason
 *       when PostgreSQL/PostGIS does not answer); --no-change drops it, --no-postgis its PostGIS column,
 *       --change-only runs (e) alone.
 * --no-browser runs (a) only; --browser-only runs (b), (c) and (d); --no-live drops (c), --no-tasks (d).
 * `--per-call-state [--parcels N] [--rounds R]` runs only perCallState.ts: the GeoJSON scanner and the Green overlay
 * before (module-level state, frozen in legacy/) and after (per-call state), side by side in one run.
 * `--dedupe [--parcels N] [--rounds R] [--only scan,extent,overlay,overlaps,tiles]` runs only dedupe.ts: the scanner,
 * GeoJSON extent, Green overlay, overlap test and tile index at 4ff1ea2 (git archive) and now, side by side.
 * `--json` prints one JSON document on stdout and nothing else; otherwise tables, with progress on stderr.
 */
import { benchLedger, type LedgerBenchRow, ledgerTable } from './ledgerBench';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchSize, DEFAULT_OPTIONS, type BenchOptions, type Latency, type SizeResult, type Timing } from './benchLib';
import { BROWSER_DEFAULTS, browserHeader, type CaseResult, ratios, runBrowserBench, table as browserTable, type TransferResult, transferTable } from './browser/run';
import type { PathName } from './browser/page';
import { runDashboardTasks, type TaskRun, taskSummary, taskTable } from './live/dashboardTasks';
import { buildMedians, compareLoads, compareTable, type LoadCompare } from './live/loadCompare';
import { type LiveDatasetResult, liveTables, runLiveBench } from './live/run';
import { type ChangeBenchResult, changeBenchTable, runChangeBench } from './changeBench';

interface Args {
  sizes: number[];
  json: boolean;
  sites: { small: number; large: number };
  turfLarge: number;
  /** Also write the JSON document to this file. */
  out?: string;
  engine: boolean;
  browser: boolean;
  browserSizes: number[];
  browserPaths: PathName[];
  transfer: boolean;
  /** Live-latency datasets: 'demo' and/or parcel counts of a generated county; empty = no live part. */
  live: string[];
  liveMoves: number;
  /** Part (c): a commit whose app loads each county beside this checkout's (before/after in one run). */
  liveBase?: string;
  liveRounds: number;
  /** Part (c) with liveBase: this checkout also loads each county from its layer packs. */
  livePack?: boolean;
  /** Runs of the demo interaction for part (d); 0 = no part (d). */
  tasks: number;
  /** Part (e), issue #17: parcels per vintage of the change overlay (empty: no part (e)); PostGIS beside it. */
  change: number[];
  postgis: boolean;
}

function usage(msg: string): never {
  process.stderr.write(
    `bench: ${msg}\nusage: npm run bench -- [--parcels 100000,500000] [--sites SMALL,LARGE[,TURF_LARGE]] [--json] [--out FILE.json]\n` +
      '       [--no-browser | --browser-only] [--browser-sizes 50000,200000,500000] [--browser-paths tiles,geojson] [--no-transfer]\n' +
      '       [--live demo,500000 | --no-live] [--live-moves 40] [--live-base COMMIT [--live-rounds 2] [--live-pack]] [--tasks 8 | --no-tasks]\n',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    sizes: [100_000, 500_000],
    json: false,
    sites: { ...DEFAULT_OPTIONS.sites },
    turfLarge: DEFAULT_OPTIONS.turfLargeSites,
    engine: true,
    browser: true,
    browserSizes: [...BROWSER_DEFAULTS.sizes],
    browserPaths: [...BROWSER_DEFAULTS.paths],
    transfer: true,
    live: ['demo', '500000'],
    liveMoves: 40,
    liveRounds: 2,
    tasks: 8,
    change: [500_000],
    postgis: true,
  };
  const sizes = (v: string) => v.split(',').map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000')));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') a.json = true;
    else if (arg.startsWith('--parcels')) {
      a.sizes = sizes(value());
      if (a.sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 2_000_000)) usage('--parcels takes sizes from 100 to 2,000,000');
    } else if (arg.startsWith('--sites')) {
      const [s, l, t] = value().split(',').map(Number);
      if (!(s >= 1 && l >= 1) || (t !== undefined && !(t >= 0))) usage('--sites takes SMALL,LARGE[,TURF_LARGE] counts, e.g. 40,12,4');
      a.sites = { small: s, large: l };
      if (t !== undefined) a.turfLarge = t;
    } else if (arg.startsWith('--out')) a.out = value();
    else if (arg === '--no-browser') a.browser = false;
    else if (arg === '--browser-only') a.engine = false;
    else if (arg === '--no-transfer') a.transfer = false;
    else if (arg === '--no-live') a.live = [];
    else if (arg === '--no-tasks') a.tasks = 0;
    else if (arg.startsWith('--tasks')) {
      a.tasks = Number(value());
      if (!(Number.isInteger(a.tasks) && a.tasks >= 1)) usage('--tasks takes a count of runs');
    }
    else if (arg.startsWith('--browser-sizes')) {
      a.browserSizes = sizes(value());
      if (a.browserSizes.some((n) => !Number.isInteger(n) || n < 100)) usage('--browser-sizes takes parcel counts');
    } else if (arg.startsWith('--browser-paths')) {
      a.browserPaths = value().split(',') as PathName[];
      if (a.browserPaths.some((p) => !['tiles', 'geojson', 'gvt'].includes(p))) usage('--browser-paths takes tiles, geojson, gvt');
    } else if (arg === '--live-pack') a.livePack = true;
    else if (arg.startsWith('--live-base')) a.liveBase = value();
    else if (arg.startsWith('--live-rounds')) {
      a.liveRounds = Number(value());
      if (!(Number.isInteger(a.liveRounds) && a.liveRounds >= 1)) usage('--live-rounds takes a count');
    } else if (arg.startsWith('--live-moves')) {
      a.liveMoves = Number(value());
      if (!(a.liveMoves >= 1)) usage('--live-moves takes a count');
    } else if (arg.startsWith('--live')) {
      a.live = value()
        .split(',')
        .filter(Boolean)
        .map((d) => (d === 'demo' ? d : String(sizes(d)[0])));
      if (a.live.some((d) => d !== 'demo' && !(Number(d) >= 100))) usage('--live takes demo and/or parcel counts');
    }
    else if (arg === '--no-change') a.change = [];
    else if (arg === '--no-postgis') a.postgis = false;
    else if (arg === '--change-only') {
      a.engine = false;
      a.browser = false;
    } else if (arg.startsWith('--change')) a.change = sizes(value());
    else if (arg === '--help' || arg === '-h') usage('help');
    else usage(`unknown argument ${arg}`);
  }
  if (!a.engine && !a.browser && !a.change.length) usage('--no-browser and --browser-only together leave nothing to run');
  return a;
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const ex = (x: number) => (Number.isFinite(x) ? x.toExponential(1) : '—');
const num = (x: number) => (x < 100 ? f1(x) : f0(x));
/** "wall ms (cpu ms)" */
const ms = (t: Timing) => `${num(t.median)} (${num(t.cpuMedian)}) ms`;
const lat = (l: Latency | null) => (l ? `${f2(l.p50)} / ${f2(l.p95)} / ${f1(l.max)}` : 'not available');
const latCpu = (l: Latency | null) => (l ? `${f2(l.cpuP50)} / ${f2(l.cpuP95)}` : 'not available');

function table(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]) : cell.padStart(w[c]))).join(' | ')} |`).join('\n');
}

function render(results: SizeResult[], machine: Record<string, unknown>): string {
  const hdr = ['', ...results.map((r) => `${f0(r.parcels)} parcels`)];
  const col = (fn: (r: SizeResult) => string) => results.map(fn);
  const out: string[] = [];
  out.push(`Farmland Atlas benchmark — ${machine.date}`);
  out.push(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memGB} GB, node ${machine.node}`);
  out.push('Numbers are from one run on a shared 2-core machine: compare ratios, not absolute times.');
  out.push('Times are wall (CPU) ms: CPU time is this process\'s own, robust when other work shares the cores.');
  out.push('');
  out.push(
    table([
      hdr,
      ['data', ...col((r) => `${f1(r.verticesPerParcel)} pos/parcel, ${f0(r.textMB)} MB`)],
      ['**load**', ...col(() => '')],
      ['bare JSON.parse', ...col((r) => ms(r.load.jsonParse))],
      ['decode + JSON.parse (from the bytes)', ...col((r) => ms(r.load.decodeAndParse))],
      ['engine load from bytes (worker path)', ...col((r) => ms(r.load.engineLoad))],
      ['  load / JSON.parse, wall (CPU)', ...col((r) => `${f2(r.load.ratio)}× (${f2(r.load.cpuRatio)}×)`)],
      ['  load / (decode + JSON.parse), wall (CPU)', ...col((r) => `${f2(r.load.ratioToDecodeParse)}× (${f2(r.load.cpuRatioToDecodeParse)}×)`)],
      ['engine load through JSON.parse (flat path off)', ...col((r) => `${ms(r.load.engineLoadJsonParse)} (${f2(r.load.ratioJsonPath)}× JSON.parse)`)],
      ['  pieces, CPU ms: parseGeoJson (JSON.parse path)', ...col((r) => `${f0(r.load.pieces.parseGeoJson)} ms`)],
      ['  readImport (flat path: scan + fields, extent, CRS)', ...col((r) => `${f0(r.load.pieces.readImport)} ms`)],
      ['  validateParcels', ...col((r) => `${f0(r.load.pieces.validate)} ms`)],
      ['  buildLayer (reusing validation\'s areas, boxes, index)', ...col((r) => `${f0(r.load.pieces.buildLayer)} ms`)],
      ['  standalone, for reference: area / bbox / attrs / index', ...col((r) => `${f0(r.load.pieces.area)} / ${f0(r.load.pieces.bbox)} / ${f0(r.load.pieces.attrs)} / ${f0(r.load.pieces.index)} ms`)],
      ['  findings / parcels loaded', ...col((r) => `${f0(r.load.findings)} / ${f0(r.load.loadedParcels)}`)],
      ['  heap in use with the layer loaded', ...col((r) => `${f0(r.heapUsedMB)} MB`)],
      ['**area, all features**', ...col(() => '')],
      ['ellipsoidal (engine)', ...col((r) => `${ms(r.area.ellipsoidal)}, ${f1(r.area.nsPerVertex.ellipsoidal)} ns/pos`)],
      ['Turf area (sphere)', ...col((r) => `${ms(r.area.turf)}, ${f1(r.area.nsPerVertex.turf)} ns/pos`)],
      ['GeographicLib polygon area', ...col((r) => `${ms(r.area.geographiclib)}, ${f0(r.area.nsPerVertex.geographiclib)} ns/pos`)],
      ['  ellipsoidal / Turf, wall (CPU)', ...col((r) => `${f2(r.area.ratioToTurf.ellipsoidal)}× (${f2(r.area.cpuRatioToTurf.ellipsoidal)}×)`)],
      ['  GeographicLib / Turf, wall (CPU)', ...col((r) => `${f1(r.area.ratioToTurf.geographiclib)}× (${f1(r.area.cpuRatioToTurf.geographiclib)}×)`)],
      ['  max |ell/GeographicLib − 1|, straight edges', ...col((r) => `${ex(r.area.vsStraightEdges.max)} (${f0(r.area.vsStraightEdges.sample)} parcels)`)],
      ['  vs geodesic edges: max / p99 / n > 1e-6', ...col((r) => `${ex(r.area.vsGeodesic.max)} / ${ex(r.area.vsGeodesic.p99)} / ${f0(r.area.vsGeodesic.over1e6)}`)],
      ['  Turf bias (Σ Turf / Σ ellipsoidal − 1)', ...col((r) => `${(r.area.turfBias * 100).toFixed(3)} %`)],
      ['**impact latency p50 / p95 / max (ms)**', ...col(() => '')],
      ...results[0].impact.flatMap((_, k) => {
        const d = `${results[0].impact[k].diameterM / 1000} km`;
        return [
          [`${d}: sites, mean candidates`, ...col((r) => `${r.impact[k].sites}, ${f0(r.impact[k].meanCandidates)}`)],
          [`${d}: engine (prepareSite+computeImpact)`, ...col((r) => lat(r.impact[k].engine))],
          [`${d}:   CPU p50 / p95`, ...col((r) => latCpu(r.impact[k].engine))],
          [`${d}: index + plain turf.intersect`, ...col((r) => `${lat(r.impact[k].turf)} (${r.impact[k].turf.sites} sites)`)],
          [`${d}:   CPU p50 / p95`, ...col((r) => latCpu(r.impact[k].turf))],
          [`${d}: speed-up p50 / p95`, ...col((r) => (r.impact[k].speedupP50 === null ? '—' : `${f1(r.impact[k].speedupP50 ?? Number.NaN)}× / ${f1(r.impact[k].speedupP95 ?? Number.NaN)}×`))],
          [`${d}: max |engine/turf area − 1|`, ...col((r) => (r.impact[k].maxRelDiffArea === null ? '—' : ex(r.impact[k].maxRelDiffArea ?? Number.NaN)))],
          [
            `${d}: whole / outside / green / clipped`,
            ...col((r) => {
              const s = r.impact[k].engineStats;
              return s ? `${f0(s.whole)} / ${f0(s.outside)} / ${f0(s.green)} / ${f0(s.clipped)}` : '—';
            }),
          ],
        ];
      }),
    ]),
  );
  return out.join('\n');
}

interface Goal {
  what: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

/** The goals of issue 7 (at 500k parcels), issue 6's live latency and issue 5's task budget, against this run's figures. */
function goals(engine: SizeResult[], browser: CaseResult[], live: LiveDatasetResult[], tasks: TaskRun[], loads: LoadCompare[] = []): Goal[] {
  const out: Goal[] = [];
  const e = engine.find((r) => r.parcels === 500_000) ?? engine[engine.length - 1];
  if (e) {
    out.push({
      what: `engine load / bare JSON.parse (${f0(e.parcels)})`,
      goal: '≤ 1.5×',
      measured: `${f2(e.load.ratio)}× wall, ${f2(e.load.cpuRatio)}× CPU`,
      met: e.load.cpuRatio <= 1.5,
    });
    const [small, large] = e.impact;
    if (small?.engine) out.push({ what: `impact p95, ${small.diameterM / 1000} km site`, goal: '≤ 4 ms', measured: `${f2(small.engine.p95)} ms (CPU ${f2(small.engine.cpuP95)})`, met: small.engine.p95 <= 4 });
    if (large?.engine) out.push({ what: `impact p95, ${large.diameterM / 1000} km site`, goal: '≤ 50 ms', measured: `${f1(large.engine.p95)} ms (CPU ${f1(large.engine.cpuP95)})`, met: large.engine.p95 <= 50 });
  }
  const t = browser.filter((r) => r.path === 'tiles' && r.ok).sort((x, y) => y.size - x.size)[0];
  const g = browser.find((r) => r.path === 'geojson' && r.ok && r.size === t?.size);
  if (t) {
    const vs = (v: number | null | undefined, unit: string) => (g && v !== undefined && v !== null ? ` (GeoJSON source: ${f0(v)}${unit})` : '');
    out.push({ what: `first parcels on screen (${f0(t.size)}, bench page)`, goal: '≤ 2 s', measured: `${f0(t.firstMs ?? Number.NaN)} ms${vs(g?.firstMs, ' ms')}`, met: t.firstMs !== null && t.firstMs !== undefined ? t.firstMs <= 2000 : false });
    out.push({ what: `renderer memory (${f0(t.size)}, bench page)`, goal: '≤ 1 GB', measured: `${f0(t.rendererPeakMB ?? Number.NaN)} MB peak${vs(g?.rendererPeakMB, ' MB')}`, met: (t.rendererPeakMB ?? Infinity) <= 1024 });
    out.push({
      what: `longest main-thread task, pan/zoom (${f0(t.size)})`,
      goal: '≤ 100 ms',
      measured: `${f0(t.moveLongestTaskMs ?? Number.NaN)} ms wall / ${f0(t.moveLongestCpuMs ?? Number.NaN)} ms CPU${vs(g?.moveLongestTaskMs, ' ms wall')}`,
      met: (t.moveLongestTaskMs ?? Infinity) <= 100,
    });
  }
  for (const r of live) {
    if (!r.live) {
      out.push({ what: `live update, ${r.dataset}`, goal: 'measured', measured: `failed: ${r.error ?? '?'}`, met: false });
      continue;
    }
    out.push({
      what: `live update (event → panel), ${r.dataset}`,
      goal: 'reported',
      measured: `median ${f0(r.live.median)} / p95 ${f0(r.live.p95)} / max ${f0(r.live.max)} ms (input wait ${f0(r.live.dispatchMedian)}, app ${f0(r.live.appMedian)} ms)`,
      met: null,
    });
    if (r.load && r.dataset.startsWith('county'))
      out.push({
        what: `real app, ${r.dataset}: first parcels / ready / renderer`,
        goal: '≤ 2 s / — / ≤ 1 GB',
        measured: `${f1((r.load.firstParcelsMs ?? Number.NaN) / 1000)} s from navigation (${f1((r.load.firstParcelsAfterLayerMs ?? Number.NaN) / 1000)} s after the layer reached the map) / ${f1(r.load.readyMs / 1000)} s / ${f0(r.rendererMB ?? Number.NaN)} MB, every renderer process (the app's own: ${f0(r.pageMB ?? Number.NaN)} MB)`,
        met: (r.rendererMB ?? Infinity) <= 1024 && (r.load.firstParcelsAfterLayerMs ?? Infinity) <= 2000,
      });
  }
  for (const c of loads) {
    // issue 14 item 8, the dashboard's own weight: judged on this checkout's medians, the base's printed beside them
    const b = buildMedians(c, 'base');
    const h = buildMedians(c, 'this');
    const side = (m: typeof b) => `${f1(m.readyMs / 1000)} s / ${f0(m.pageMB)} MB (${f0(m.settledPageMB)} MB later; every renderer process ${f0(m.rendererMB)} MB)`;
    out.push({
      what: `real app, county ${f0(c.parcels)}: ready / the app's renderer after the load, base ${c.base} → this (medians of ${b.rounds} and ${h.rounds} rounds)`,
      goal: '≤ 8 s / ≤ 1 GB',
      measured: `${side(b)} → ${side(h)}`,
      met: h.rounds > 0 && h.readyMs <= 8000 && h.pageMB <= 1024,
    });
    const pk = buildMedians(c, 'this pack');
    if (pk.rounds > 0)
      out.push({
        what: `real app, county ${f0(c.parcels)} served as layer packs (.fpk): ready / the app's renderer after the load, base ${c.base} (GeoJSON) → this (packs) (medians of ${b.rounds} and ${pk.rounds} rounds)`,
        goal: '≤ 8 s / ≤ 1 GB',
        measured: `${side(b)} → ${side(pk)}`,
        met: pk.readyMs <= 8000 && pk.pageMB <= 1024,
      });
  }
  if (tasks.length) {
    const t = taskSummary(tasks);
    out.push({
      what: `demo dashboard after load: longest main-thread task (${t.runs} of ${tasks.length} runs)`,
      goal: '≤ 100 ms',
      measured: `${f0(t.maxWall)} ms wall (median run ${f0(t.medianWall)}), ${f0(t.maxCpu)} ms CPU; runs over 100 ms: ${t.runsOver100Wall} wall, ${t.runsOver100Cpu} CPU`,
      met: t.runs === tasks.length && t.runsOver100Wall === 0,
    });
  }
  return out;
}

function goalsTable(gs: Goal[]): string {
  const lines = table([
    ['goal (issues 7, 6, 5, 14)', 'target', 'measured', 'met'],
    ...gs.map((g) => [g.what, g.goal, g.measured, g.met === null ? '—' : g.met ? 'yes' : 'NO']),
  ]).split('\n');
  return [lines[0], '|---|---|---|---|', ...lines.slice(1)].join('\n');
}

async function main(): Promise<void> {
  // issue 14 §5: scanner and overlay before (module-level state) vs after (per-call state), side by side
  if (process.argv.includes('--per-call-state')) {
    await import('./perCallState');
    return;
  }
  // issue 14 "no duplicates outside tests": the deduplicated hot paths before (4ff1ea2) vs after, side by side
  if (process.argv.includes('--dedupe')) {
    await import('./dedupe');
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const log = args.json ? (m: string) => process.stderr.write(`${m}\n`) : (m: string) => process.stderr.write(`${m}\n`);
  const opts: BenchOptions = { ...DEFAULT_OPTIONS, sites: args.sites, turfLargeSites: args.turfLarge, log: args.json ? undefined : log };
  const c = cpus();
  const machine = {
    date: new Date().toISOString(),
    cores: c.length,
    cpu: c[0]?.model?.trim() ?? 'unknown',
    memGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAvgStart: loadavg().map((x) => Math.round(x * 10) / 10),
  };
  const results: SizeResult[] = [];
  let browser: { rows: CaseResult[]; transfers: TransferResult[] } = { rows: [], transfers: [] };
  let live: LiveDatasetResult[] = [];
  const loads: LoadCompare[] = [];
  let tasks: TaskRun[] = [];
  const ledger: LedgerBenchRow[] = [];
  const seconds: Record<string, number> = {};
  const t0 = performance.now();
  const partial = () => ({ machine, partial: true, results, browser, live, tasks });
  const save = (doc: unknown) => {
    if (args.out) writeFileSync(args.out, `${JSON.stringify(doc, null, 2)}\n`);
  };
  if (args.engine) {
    for (const n of args.sizes) {
      log(`bench: engine, ${n.toLocaleString('en-US')} parcels`);
      results.push(benchSize(n, opts));
      save(partial());
      if (!args.json) log(render(results.slice(-1), machine));
    }
    seconds.engine = (performance.now() - t0) / 1000;
    // part (e), issue 15: adjustment and the standard tables beside the plain summary
    const te = performance.now();
    for (const n of args.sizes) {
      log(`bench: ledger figures (平差, 汇总表), ${n.toLocaleString('en-US')} parcels`);
      ledger.push(benchLedger(n, opts.seed));
    }
    seconds.ledger = (performance.now() - te) / 1000;
    if (!args.json) log(`## (e) Ledger figures (issue 15)\n\n${ledgerTable(ledger)}\n`);
  }
  if (args.browser) {
    const tb = performance.now();
    log(`bench: browser (bench page), ${args.browserSizes.map((n) => n.toLocaleString('en-US')).join(' / ')} parcels × ${args.browserPaths.join(', ')}`);
    browser = await runBrowserBench({ sizes: args.browserSizes, paths: args.browserPaths, seed: BROWSER_DEFAULTS.seed, transfer: args.transfer }, log);
    seconds.browser = (performance.now() - tb) / 1000;
    save(partial());
    if (args.live.length) {
      const tl = performance.now();
      log(`bench: live update in the built app, ${args.live.join(', ')}`);
      live = await runLiveBench({ datasets: args.live, moves: args.liveMoves, log });
      for (const d of args.liveBase ? args.live.filter((x) => x !== 'demo') : []) {
        log(`bench: the county of ${d} parcels loaded by ${args.liveBase} and by this checkout, ${args.liveRounds} rounds`);
        loads.push(await compareLoads({ base: args.liveBase as string, parcels: Number(d), rounds: args.liveRounds, pack: args.livePack, log }));
      }
      seconds.live = (performance.now() - tl) / 1000;
      save(partial());
    }
    if (args.tasks) {
      const tt = performance.now();
      log(`bench: main-thread tasks in the built app on the demo data, ${args.tasks} runs`);
      tasks = await runDashboardTasks({ runs: args.tasks, log });
      seconds.tasks = (performance.now() - tt) / 1000;
    }
  }
  const change: ChangeBenchResult[] = [];
  for (const n of args.change) {
    const tc = performance.now();
    change.push(runChangeBench(n, { postgis: args.postgis, log }));
    seconds.change = (seconds.change ?? 0) + (performance.now() - tc) / 1000;
  }
  const totalS = (performance.now() - t0) / 1000;
  const gs = goals(results, browser.rows, live, tasks, loads);
  const command = !args.engine && !args.browser ? `npm run bench -- --change-only --change ${args.change.join(',')}${args.postgis ? '' : ' --no-postgis'}` : `npm run bench --${args.engine ? ` --parcels ${args.sizes.join(',')} --sites ${args.sites.small},${args.sites.large},${args.turfLarge}` : ''}${args.browser ? '' : ' --no-browser'}${
    args.engine ? '' : ' --browser-only'
  }${args.browser ? ` --browser-sizes ${args.browserSizes.join(',')} --browser-paths ${args.browserPaths.join(',')}${args.transfer ? '' : ' --no-transfer'}${args.live.length ? ` --live ${args.live.join(',')} --live-moves ${args.liveMoves}${args.liveBase ? ` --live-base ${args.liveBase} --live-rounds ${args.liveRounds}${args.livePack ? ' --live-pack' : ''}` : ''}` : ' --no-live'}${args.tasks ? ` --tasks ${args.tasks}` : ' --no-tasks'}` : ''}${args.change.length ? ` --change ${args.change.join(',')}` : ' --no-change'}`;
  const machineEnd = { ...machine, loadAvgEnd: loadavg().map((x) => Math.round(x * 10) / 10) };
  const doc = {
    machine: machineEnd,
    note: 'one run on a shared 2-core machine: compare ratios',
    command,
    options: { sizes: args.sizes, sites: args.sites, turfLargeSites: args.turfLarge, seed: opts.seed, browserSizes: args.browserSizes, browserPaths: args.browserPaths, live: args.live, liveMoves: args.liveMoves, tasks: args.tasks },
    totalSeconds: totalS,
    seconds,
    results,
    ledger,
    browser,
    live,
    loads,
    tasks,
    goals: gs,
    change,
  };
  save(doc);
  if (args.json) {
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const parts: string[] = [];
  if (results.length) parts.push(`## (a) Engine, in Node\n\n${render(results, machineEnd)}`);
  if (ledger.length) parts.push(`## (e) Ledger figures (issue 15): adjustment and the standard tables beside the plain summary\n\n${ledgerTable(ledger)}`);
  else parts.push(`Farmland Atlas benchmark — ${machine.date}\nmachine: ${machine.cores} cores (${machine.cpu}), ${machine.memGB} GB, node ${machine.node}`);
  if (browser.rows.length) {
    parts.push(`## (b) Large layers in headless Chromium: worker-cut tiles vs GeoJSON source (bench page)\n\n${browserHeader(BROWSER_DEFAULTS.seed)}\n\n${browserTable(browser.rows)}\n\n${ratios(browser.rows)}`);
    if (browser.transfers.length) parts.push(`Engine worker → main thread hand-over:\n\n${transferTable(browser.transfers)}`);
  }
  if (live.length) parts.push(`## (c) Live update while drawing, in the built dashboard (cursor move → draw panel's live figures changed)\n\n${liveTables(live)}`);
  for (const c of loads) parts.push(`### (c) Before / after: ${c.base} vs this checkout\n\n${compareTable(c)}`);
  if (tasks.length)
    parts.push(
      `## (d) Main-thread tasks in the built dashboard on the demo data (the demo e2e test's interaction after load; Chrome trace per run)\n\n${taskTable(tasks)}`,
    );
  for (const c of change) parts.push(`## (e) Year-on-year change: exact overlay of two vintages vs PostGIS\n\n${changeBenchTable(c)}`);
  parts.push(`## Side by side: the goals\n\n${goalsTable(gs)}`);
  parts.push(
    `(total ${totalS.toFixed(0)} s${Object.keys(seconds).length ? `: ${Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')}` : ''}; load average ${machine.loadAvgStart.join(' / ')} → ${machineEnd.loadAvgEnd.join(' / ')}; command: ${command})`,
  );
  process.stdout.write(`${parts.join('\n\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
