/**
 * `npm run bench [-- --parcels 100000,500000] [--sites 40,12,4] [--json] [--out FILE.json]`
 *
 * --sites: 2 km sites, 20 km sites, and how many of the 20 km sites also run the slow turf.intersect baseline.
 *
 * Seeded field parcels (test/bench/genParcels.ts); see benchLib.ts for what is measured. `--json` prints one JSON
 * document on stdout and nothing else; otherwise a table, with progress on stderr.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchSize, DEFAULT_OPTIONS, type BenchOptions, type Latency, type SizeResult, type Timing } from './benchLib';

interface Args {
  sizes: number[];
  json: boolean;
  sites: { small: number; large: number };
  turfLarge: number;
  /** Also write the JSON document to this file. */
  out?: string;
}

function usage(msg: string): never {
  process.stderr.write(`bench: ${msg}\nusage: npm run bench -- [--parcels 100000,500000] [--sites SMALL,LARGE[,TURF_LARGE]] [--json] [--out FILE.json]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { sizes: [100_000, 500_000], json: false, sites: { ...DEFAULT_OPTIONS.sites }, turfLarge: DEFAULT_OPTIONS.turfLargeSites };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') a.json = true;
    else if (arg.startsWith('--parcels')) {
      a.sizes = value()
        .split(',')
        .map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000')));
      if (a.sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 2_000_000)) usage('--parcels takes sizes from 100 to 2,000,000');
    } else if (arg.startsWith('--sites')) {
      const [s, l, t] = value().split(',').map(Number);
      if (!(s >= 1 && l >= 1) || (t !== undefined && !(t >= 0))) usage('--sites takes SMALL,LARGE[,TURF_LARGE] counts, e.g. 40,12,4');
      a.sites = { small: s, large: l };
      if (t !== undefined) a.turfLarge = t;
    } else if (arg.startsWith('--out')) a.out = value();
    else if (arg === '--help' || arg === '-h') usage('help');
    else usage(`unknown argument ${arg}`);
  }
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
      ['engine load (parse+validate+area+index)', ...col((r) => ms(r.load.engineLoad))],
      ['  load / JSON.parse, wall (CPU)', ...col((r) => `${f2(r.load.ratio)}× (${f2(r.load.cpuRatio)}×)`)],
      ['  pieces, CPU ms: parseGeoJson', ...col((r) => `${f0(r.load.pieces.parseGeoJson)} ms`)],
      ['  validateFeatures', ...col((r) => `${f0(r.load.pieces.validate)} ms`)],
      ['  buildLayer (attrs+area+bbox+index)', ...col((r) => `${f0(r.load.pieces.buildLayer)} ms`)],
      ['    area / bbox / attrs / index', ...col((r) => `${f0(r.load.pieces.area)} / ${f0(r.load.pieces.bbox)} / ${f0(r.load.pieces.attrs)} / ${f0(r.load.pieces.index)} ms`)],
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = args.json ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  const opts: BenchOptions = { ...DEFAULT_OPTIONS, sites: args.sites, turfLargeSites: args.turfLarge, log };
  const c = cpus();
  const machine = {
    date: new Date().toISOString(),
    cores: c.length,
    cpu: c[0]?.model?.trim() ?? 'unknown',
    memGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  const results: SizeResult[] = [];
  const t0 = performance.now();
  for (const n of args.sizes) {
    log?.(`bench: ${n.toLocaleString('en-US')} parcels`);
    results.push(benchSize(n, opts));
    if (args.out) writeFileSync(args.out, `${JSON.stringify({ machine, partial: true, results }, null, 2)}\n`);
    log?.(render(results.slice(-1), machine));
  }
  const totalS = (performance.now() - t0) / 1000;
  const doc = `${JSON.stringify({ machine, note: 'one run on a shared 2-core machine: compare ratios', options: { sizes: args.sizes, sites: args.sites, turfLargeSites: args.turfLarge, seed: opts.seed }, totalSeconds: totalS, results }, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, doc);
  if (args.json) {
    process.stdout.write(doc);
  } else {
    process.stdout.write(`${render(results, machine)}\n\n(total ${totalS.toFixed(0)} s; command: npm run bench -- --parcels ${args.sizes.join(',')} --sites ${args.sites.small},${args.sites.large},${args.turfLarge})\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
