/**
 * Browser benchmark for large layers (issue 7): for each size, each path gets a fresh headless Chromium with the
 * same synthetic parcels (seeded), then
 *   first   — ms from handing the data to the path until parcels are on screen (pixel check, overview zoom)
 *   idle    — ms until the map is idle
 *   load task — longest main-thread task during the load (PerformanceObserver 'longtask')
 *   move task — longest main-thread task while zooming to z14, panning 4×, zooming out, flying elsewhere
 *   z14 idle — ms from the start of the zoom-in to idle at parcel detail
 *   renderer / gpu — peak VmRSS (MB) of Chromium's renderer processes (page + its workers) / GPU process, sampled
 *                    from /proc every 250 ms; JS heap = CDP Performance.getMetrics JSHeapUsedSize (main thread) at end
 *
 *   npx tsx test/bench/browser/run.ts [--sizes 50000,200000,500000] [--paths tiles,geojson] [--seed 1] [--json]
 *
 * Paths: tiles (attachLargeLayer, the chosen path), geojson (plain MapLibre GeoJSON source), gvt (geojson-vt as the
 * worker's cutter — slow; add it explicitly).
 */
import { rmSync } from 'node:fs';
import type { PathName } from './page';
import { buildPage, chromiumMemory, launch, memorySampler, serve } from './harness';

interface Args {
  sizes: number[];
  paths: PathName[];
  seed: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { sizes: [50_000, 200_000, 500_000], paths: ['tiles', 'geojson'], seed: 1, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--json') a.json = true;
    else if (k === '--sizes' && v) {
      a.sizes = v.split(',').map((s) => Number(s.replace(/k$/i, '000')));
      i++;
    } else if (k === '--paths' && v) {
      a.paths = v.split(',') as PathName[];
      i++;
    } else if (k === '--seed' && v) {
      a.seed = Number(v);
      i++;
    } else throw new Error(`unknown argument ${k}`);
  }
  for (const s of a.sizes) if (!Number.isInteger(s) || s <= 0) throw new Error(`bad size ${s}`);
  for (const p of a.paths) if (!['tiles', 'geojson', 'gvt'].includes(p)) throw new Error(`bad path ${p}`);
  return a;
}

export interface CaseResult {
  size: number;
  path: PathName;
  ok: boolean;
  error?: string;
  genMs?: number;
  firstMs?: number | null;
  idleMs?: number | null;
  loadLongestTaskMs?: number;
  /** Time spent in pixel probes during load (GPU readback; excluded from the task figures). */
  probeMs?: number;
  moveLongestTaskMs?: number;
  moveTasksOver100?: number;
  detailIdleMs?: number | null;
  detailPainted?: number;
  overviewZoom?: number;
  overviewPainted?: number;
  rendererPeakMB?: number;
  gpuPeakMB?: number;
  totalPeakMB?: number;
  rendererEndMB?: number;
  jsHeapMB?: number;
  detailMinZoom?: number;
  indexMs?: number;
}

async function runCase(url: string, size: number, path: PathName, seed: number): Promise<CaseResult> {
  const b = await launch();
  const res: CaseResult = { size, path, ok: false };
  const errors: string[] = [];
  b.page.on('pageerror', (e) => errors.push(String(e)));
  let crashed = false;
  b.page.on('crash', () => {
    crashed = true;
  });
  let sampler: ReturnType<typeof memorySampler> | null = null;
  try {
    await b.page.goto(url);
    await b.page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 60_000 });
    const setup = await b.page.evaluate(([p, n, s]) => window.bench.setup(p as PathName, n as number, s as number), [path, size, seed] as const);
    res.genMs = setup.genMs;
    sampler = memorySampler(b.userDataDir);
    const load = await b.page.evaluate((p) => window.bench.load(p as PathName), path);
    Object.assign(res, {
      firstMs: load.firstMs,
      idleMs: load.idleMs,
      loadLongestTaskMs: load.load.longest,
      probeMs: load.load.probeMs,
      overviewZoom: load.zoom,
      overviewPainted: load.painted,
      detailMinZoom: load.info?.detailMinZoom,
      indexMs: load.info ? Math.round(load.info.ms.project + load.info.ms.index) : undefined,
    });
    const move = await b.page.evaluate(() => window.bench.interact());
    Object.assign(res, {
      moveLongestTaskMs: move.tasks.longest,
      moveTasksOver100: move.tasks.over100,
      detailIdleMs: move.detailIdleMs,
      detailPainted: move.detailPainted,
    });
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    res.jsHeapMB = Math.round(heap / 2 ** 20);
    res.rendererEndMB = chromiumMemory(b.userDataDir).renderer;
    res.ok = true;
  } catch (e) {
    res.error = crashed ? 'renderer crashed' : String((e as Error).message ?? e).split('\n')[0];
  } finally {
    const peak = sampler?.stop();
    if (peak) Object.assign(res, { rendererPeakMB: peak.renderer, gpuPeakMB: peak.gpu, totalPeakMB: peak.total });
    if (errors.length && !res.error) res.error = errors[0];
    await b.close();
  }
  return res;
}

const fmt = (v: number | null | undefined, unit = '') => (v === undefined ? '—' : v === null ? 'timeout' : `${v.toLocaleString('en-US')}${unit}`);

function table(rows: CaseResult[]): string {
  const head = [
    'parcels',
    'path',
    'first parcels',
    'idle',
    'load: longest task',
    'pan/zoom: longest task',
    'tasks >100 ms',
    'z14 idle',
    'renderer peak',
    'GPU peak',
    'JS heap',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    if (!r.ok) {
      lines.push(`| ${r.size.toLocaleString('en-US')} | ${r.path} | failed: ${r.error} |${' |'.repeat(head.length - 3)}`);
      continue;
    }
    lines.push(
      `| ${[
        r.size.toLocaleString('en-US'),
        r.path,
        fmt(r.firstMs, ' ms'),
        fmt(r.idleMs, ' ms'),
        fmt(r.loadLongestTaskMs, ' ms'),
        fmt(r.moveLongestTaskMs, ' ms'),
        fmt(r.moveTasksOver100),
        fmt(r.detailIdleMs, ' ms'),
        fmt(r.rendererPeakMB, ' MB'),
        fmt(r.gpuPeakMB, ' MB'),
        fmt(r.jsHeapMB, ' MB'),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function ratios(rows: CaseResult[]): string {
  const out: string[] = [];
  for (const size of new Set(rows.map((r) => r.size))) {
    const t = rows.find((r) => r.size === size && r.path === 'tiles' && r.ok);
    const g = rows.find((r) => r.size === size && r.path === 'geojson' && r.ok);
    if (!t || !g) continue;
    const q = (a?: number | null, b?: number | null) => (a && b ? `${(b / a).toFixed(1)}×` : '—');
    out.push(
      `${size.toLocaleString('en-US')}: geojson/tiles — first ${q(t.firstMs, g.firstMs)}, idle ${q(t.idleMs, g.idleMs)}, ` +
        `pan/zoom longest task ${q(t.moveLongestTaskMs, g.moveLongestTaskMs)}, renderer peak ${q(t.rendererPeakMB, g.rendererPeakMB)}`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => {
    if (!args.json) console.log(s);
    else console.error(s);
  };
  log('building the bench page…');
  const dir = await buildPage();
  const server = await serve(dir);
  const rows: CaseResult[] = [];
  try {
    for (const size of args.sizes) {
      for (const path of args.paths) {
        log(`  ${size} × ${path}…`);
        const r = await runCase(server.url, size, path, args.seed);
        log(`    ${JSON.stringify(r)}`);
        rows.push(r);
      }
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (args.json) {
    console.log(JSON.stringify({ seed: args.seed, cores: (await import('node:os')).cpus().length, rows }, null, 2));
  } else {
    console.log(`\nSynthetic parcels (seed ${args.seed}, 9 positions each, near 46.5° N), headless Chromium + SwiftShader, 1280×800:\n`);
    console.log(table(rows));
    console.log(`\n${ratios(rows)}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
