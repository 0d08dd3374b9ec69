/**
 * The real dashboard loading a generated county, a base commit's build beside this checkout's, in ONE run (issue 14
 * item 8: ready and renderer memory before/after). Both apps are built and served at once (the base from a
 * `git archive` of the commit, e2e/harness.ts baseCheckout); the loads alternate base, this, base, this … so a
 * change of the machine's load hits both alike. Per load: ready (navigation → status ready), the per-layer phases,
 * the renderer's RSS right after ready and its peak while loading (sampled every 200 ms from /proc), and `settleS`
 * seconds later (default 20, with the peak in between and the CPU used then): what the app holds once V8 has
 * collected the load's garbage on its own, and what it goes on doing after ready. Between loads the other app's page
 * is on about:blank, so only one renderer holds a county.
 *
 *   npm run bench -- --browser-only --live 500000 --live-base b82fa33 [--live-rounds 2]
 *   npx tsx test/bench/live/loadCompare.ts --base b82fa33 [--parcels 500000] [--rounds 2] [--gz] [--pack [--base-pack]] [--settle 20]
 * --gz: both also load the county from its files gzipped (manifest-gz.json): two more rows per round (a base older than
 * .gz support fails those rows).
 * --pack: this checkout also loads the county from layer packs (manifest-pack.json, `.fpk` files written by
 * core/io/flatPack.ts, as `farmland pack` writes them): one more row per round, compared with base's GeoJSON;
 * --base-pack: the base loads the packs too (a base that reads packs: one older never reaches "ready" with its
 * figures, and its row waits out the 10-minute timeout).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { baseCheckout } from '../../e2e/harness';
import { type CpuSplit, chromiumCpu, cpuBetween, faultsBetween, threadsBetween } from '../browser/harness';
import { ensureCounty } from '../genCounty';
import { packedManifest } from '../countyPacks';
import { printThenExit } from '../printThenExit';
import { type App, clearAppStorage, type LoadTimeline, openDataset, rendererMemory, startApp } from './app';

export interface LoadRun {
  /** '… .gz': the same county served as .gz files (manifest-gz.json). */
  build: 'base' | 'this' | 'base .gz' | 'this .gz' | 'base pack' | 'this pack';
  round: number;
  parcels: number;
  readyMs: number;
  /** Renderer RSS right after the load, and the highest seen while loading (MB). */
  rendererMB: number;
  peakRendererMB: number;
  /** The app's own renderer process (the one running its workers: harness.ts ProcMem.page) right after the load (MB). */
  pageMB?: number;
  /** How many samples the peak is the highest of. */
  samples: number;
  /** Renderer RSS `settleS` seconds after the load, the highest in between (MB), and the CPU seconds used then (every Chromium process). */
  settled?: { afterS: number; rendererMB: number; peakMB: number; cpuS: number; pageMB?: number };
  /** "耕地 fetch 1.7 s, parse 1.4 s, …; …" */
  phases: string;
  /** CPU seconds used during the load, by where (harness.ts chromiumCpu; `server` is this Node process: the preview servers and the bench). */
  cpu?: string;
  loadAvg: number;
  error?: string;
}

export interface LoadCompare {
  base: string;
  parcels: number;
  runs: LoadRun[];
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function phasesOf(load: LoadTimeline): string {
  return load.layers.map((l) => `${l.label} ${l.phases.map((p, i) => `${p.phase} ${s1((l.phases[i + 1]?.atMs ?? l.doneMs) - p.atMs)}`).join(', ')}`).join('; ');
}

export async function measure(app: App, build: LoadRun['build'], round: number, parcels: number, manifest = 'manifest.json', settleS = 20): Promise<LoadRun> {
  const l0 = loadavg()[0];
  const cpu0 = chromiumCpu(app.profile);
  const node0 = process.cpuUsage();
  let peak = 0;
  let samples = 0;
  let loading = true;
  const timer = setInterval(() => {
    peak = Math.max(peak, rendererMemory(app).renderer);
    if (loading) samples++;
  }, 200);
  try {
    await clearAppStorage(app);
    // (no screencast: first parcels are not reported here, and encoding its frames costs the page CPU)
    const load = await openDataset(app, `county-${parcels}/${manifest}`, { firstParcels: false });
    // a build that cannot read these files (an older base and packs) is "ready" with layers missing: not a load
    const want = (JSON.parse(readFileSync(join(ensureCounty({ parcels }).dir, manifest), 'utf8')) as { layers: unknown[] }).layers.length;
    const got = load.events.filter((e) => e.what.startsWith('layer:')).length;
    if (got < want) throw new Error(`${got} of ${want} layers loaded`);
    const mem = rendererMemory(app, { page: true });
    const rendererMB = mem.renderer;
    const cpu1 = chromiumCpu(app.profile);
    const split = cpuBetween(cpu0, cpu1);
    const node = process.cpuUsage(node0);
    const threads = threadsBetween(cpu0, cpu1, 'workers');
    const faulted = faultsBetween(cpu0, cpu1);
    const used = (Object.keys(split) as (keyof CpuSplit)[]).map((k) => `${k} ${split[k].toFixed(1)}${k === 'workers' && threads.length > 1 ? ` (${threads.map((t) => t.toFixed(1)).join(' + ')})` : ''}`);
    const cpu = `${used.join(', ')}, server ${((node.user + node.system) / 1e6).toFixed(1)}; map frames ${load.framesBeforeReady} (${load.framesAfterFirstLayer} after the first layer); fresh memory written (MB): page ${faulted.page.toFixed(0)}, workers ${faulted.workers.toFixed(0)}, rendererOther ${faulted.rendererOther.toFixed(0)}, gpu ${faulted.gpu.toFixed(0)}`;
    const peakLoading = Math.max(peak, rendererMB);
    loading = false;
    peak = rendererMB;
    await new Promise((r) => setTimeout(r, settleS * 1000));
    const later = rendererMemory(app, { page: true });
    const after = later.renderer;
    const cpuAfter = cpuBetween(cpu1, chromiumCpu(app.profile));
    const settled = { afterS: settleS, rendererMB: after, peakMB: Math.max(peak, after), cpuS: Object.values(cpuAfter).reduce((a, b) => a + b, 0), pageMB: later.page };
    return { build, round, parcels, readyMs: load.readyMs, rendererMB, peakRendererMB: peakLoading, pageMB: mem.page, samples, settled, phases: phasesOf(load), cpu, loadAvg: Math.round(l0 * 10) / 10 };
  } catch (e) {
    return { build, round, parcels, readyMs: Number.NaN, rendererMB: Number.NaN, peakRendererMB: peak, samples, phases: '', loadAvg: l0, error: String((e as Error).message ?? e).split('\n')[0] };
  } finally {
    clearInterval(timer);
    await app.page.goto('about:blank').catch(() => undefined);
  }
}

/**
 * The county's layer files gzipped beside themselves (level 6, as `gzip` does) and `manifest-gz.json` naming them:
 * how a county is best served (7× fewer bytes; core/io/gunzip.ts, worker/fetchBytes.ts). Made once, kept with the county.
 */
export function gzippedManifest(dir: string): string {
  const name = 'manifest-gz.json';
  if (existsSync(join(dir, name))) return name;
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { layers: { file: string }[] };
  for (const l of m.layers) {
    if (!existsSync(join(dir, `${l.file}.gz`))) writeFileSync(join(dir, `${l.file}.gz`), gzipSync(readFileSync(join(dir, l.file)), { level: 6 }));
    l.file = `${l.file}.gz`;
  }
  writeFileSync(join(dir, name), `${JSON.stringify(m, null, 1)}\n`);
  return name;
}

export async function compareLoads(o: { base: string; parcels: number; rounds: number; gz?: boolean; pack?: boolean; basePack?: boolean; settleS?: number; log?: (m: string) => void }): Promise<LoadCompare> {
  const log = o.log ?? (() => undefined);
  const county = ensureCounty({ parcels: o.parcels });
  const gzManifest = o.gz ? gzippedManifest(county.dir) : undefined;
  const packManifest = o.pack ? packedManifest(county.dir) : undefined;
  const mounts = { [`county-${o.parcels}`]: county.dir };
  const root = baseCheckout(o.base);
  const runs: LoadRun[] = [];
  let base: App | undefined;
  let mine: App | undefined;
  try {
    log(`  load compare: building ${o.base} and this checkout…`);
    base = await startApp(mounts, root);
    mine = await startApp(mounts);
    for (let round = 1; round <= o.rounds; round++)
      for (const [build, app, manifest] of [['base', base, 'manifest.json'], ['this', mine, 'manifest.json'], ...(gzManifest ? [['base .gz', base, gzManifest] as const, ['this .gz', mine, gzManifest] as const] : []), ...(packManifest && o.basePack ? [['base pack', base, packManifest] as const] : []), ...(packManifest ? [['this pack', mine, packManifest] as const] : [])] as const) {
        const r = await measure(app, build, round, o.parcels, manifest, o.settleS);
        log(`    ${build} #${round}: ${JSON.stringify(r)}`);
        runs.push(r);
      }
  } finally {
    await base?.close();
    await mine?.close();
    rmSync(root, { recursive: true, force: true });
  }
  return { base: o.base, parcels: o.parcels, runs };
}

const median = (xs: number[]) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : Number.NaN;
};

/**
 * Medians of one build's rounds: ready (ms), the app's own renderer right after the load and `settleS` later, and
 * every renderer process right after the load (MB). NaN where no round has the figure.
 */
export function buildMedians(c: LoadCompare, build: LoadRun['build']): { readyMs: number; pageMB: number; settledPageMB: number; rendererMB: number; rounds: number } {
  const rs = c.runs.filter((r) => r.build === build && !r.error);
  return {
    readyMs: median(rs.map((r) => r.readyMs)),
    pageMB: median(rs.map((r) => r.pageMB ?? Number.NaN)),
    settledPageMB: median(rs.map((r) => r.settled?.pageMB ?? Number.NaN)),
    rendererMB: median(rs.map((r) => r.rendererMB)),
    rounds: rs.length,
  };
}

/** Markdown: every load, then the medians of base and this checkout and their ratio (this / base). */
export function compareTable(c: LoadCompare): string {
  const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
  const lines = [
    `The real app loading the county of ${c.parcels.toLocaleString('en-US')} parcels: base ${c.base} vs this checkout, alternating in one run`,
    '',
    '(renderers: every renderer process of the browser, as /proc sums them; app: the one running the app\'s workers — the others are',
    'Chromium\'s spare renderer and blank tabs)',
    '',
    '| build | round | ready | renderers after load (app) | renderers peak while loading | renderers later (peak in between; CPU s then) (app) | per layer | CPU s during the load | load avg |',
    '|---|---|---|---|---|---|---|---|---|',
    ...c.runs.map(
      (r) =>
        `| ${r.build} | ${r.round} | ${r.error ? `failed: ${r.error}` : s1(r.readyMs)} | ${f0(r.rendererMB)} MB (${f0(r.pageMB ?? Number.NaN)}) | ${f0(r.peakRendererMB)} MB (${r.samples} samples) | ${r.settled ? `${f0(r.settled.rendererMB)} MB at +${r.settled.afterS} s (${f0(r.settled.peakMB)} MB; ${r.settled.cpuS.toFixed(1)}) (${f0(r.settled.pageMB ?? Number.NaN)})` : ''} | ${r.phases} | ${r.cpu ?? ''} | ${r.loadAvg} |`,
    ),
    '',
    '| median | ready | renderers after load | renderers peak | renderers later | peak after load | app\'s renderer after load | app\'s renderer later |',
    '|---|---|---|---|---|---|---|---|',
  ];
  type Key = 'readyMs' | 'rendererMB' | 'peakRendererMB' | 'settledMB' | 'settledPeakMB' | 'pageMB' | 'settledPageMB';
  const value = (r: LoadRun, k: Key): number =>
    k === 'settledMB' ? (r.settled?.rendererMB ?? Number.NaN) : k === 'settledPeakMB' ? (r.settled?.peakMB ?? Number.NaN) : k === 'settledPageMB' ? (r.settled?.pageMB ?? Number.NaN) : (r[k] ?? Number.NaN);
  const keys: Key[] = ['readyMs', 'rendererMB', 'peakRendererMB', 'settledMB', 'settledPeakMB', 'pageMB', 'settledPageMB'];
  const of = (b: LoadRun['build'], k: Key) => median(c.runs.filter((r) => r.build === b).map((r) => value(r, k)));
  const row = (b: LoadRun['build']) => `| ${b} | ${s1(of(b, 'readyMs'))} | ${keys.slice(1).map((k) => `${f0(of(b, k))} MB`).join(' | ')} |`;
  const ratios = (num: LoadRun['build'], den: LoadRun['build']) => keys.map((k) => (of(num, k) / of(den, k)).toFixed(2)).join(' | ');
  lines.push(row('base'), row('this'), `| this / base | ${ratios('this', 'base')} |`);
  if (c.runs.some((r) => r.build === 'this .gz')) lines.push(row('this .gz'), `| this .gz / base | ${ratios('this .gz', 'base')} |`);
  if (c.runs.some((r) => r.build === 'base .gz')) lines.push(row('base .gz'), `| this .gz / base .gz | ${ratios('this .gz', 'base .gz')} |`);
  if (c.runs.some((r) => r.build === 'this pack')) lines.push(row('this pack'), `| this pack / base | ${ratios('this pack', 'base')} |`, `| this pack / this | ${ratios('this pack', 'this')} |`);
  if (c.runs.some((r) => r.build === 'base pack' && !r.error)) lines.push(row('base pack'), `| this pack / base pack | ${ratios('this pack', 'base pack')} |`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const arg = (k: string, d: string) => {
    const i = process.argv.indexOf(k);
    return i >= 0 ? (process.argv[i + 1] ?? d) : d;
  };
  const base = arg('--base', '');
  if (!base) {
    process.stderr.write('usage: npx tsx test/bench/live/loadCompare.ts --base COMMIT [--parcels 500000] [--rounds 2] [--gz] [--pack [--base-pack]] [--settle 20]\n');
    process.exit(2);
  }
  printThenExit(compareLoads({ base, parcels: Number(arg('--parcels', '500000')), rounds: Number(arg('--rounds', '2')), gz: process.argv.includes('--gz'), pack: process.argv.includes('--pack'), basePack: process.argv.includes('--base-pack'), settleS: Number(arg('--settle', '20')), log: (m) => process.stderr.write(`${m}\n`) }), compareTable);
}
