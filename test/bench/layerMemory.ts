/**
 * Where a loaded layer's memory goes (issue #14 item 8: the dashboard's own weight at 500k). Imports the generated
 * county's 耕地 layer with the engine (the same importLayer the worker runs), then drops one part of every parcel at a
 * time — original properties (the layer's columns), normalised attrs (the layer's attribute table), id, bbox, geometry handle, the parcel objects — forcing full GCs
 * between steps, and prints what each part held: JS heap and ArrayBuffer (typed array) bytes. Also the import's
 * CPU time and the process's peak RSS, so transient (parse) memory can be told from what the layer keeps.
 *
 *   npx tsx test/bench/layerMemory.ts [--parcels 500000] [--layer cultivated|permanent-basic]
 *
 * Runs itself again under `node --expose-gc` (needed for exact, GC'd figures). Node's V8 is the worker's engine, so
 * the per-part figures carry over to the browser worker; the renderer's RSS also holds the page, MapLibre, the tile
 * worker and heap pages not yet given back, which this does not measure.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importLayer } from '../../src/core/engine/importLayer';
import type { Parcel } from '../../src/core/types';
import { ensureCounty } from './genCounty';

interface Step {
  step: string;
  heapMB: number;
  arrayBuffersMB: number;
}

function parseArgs(argv: string[]): { parcels: number; layer: string } {
  const a = { parcels: 500_000, layer: 'cultivated' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--parcels') a.parcels = Number(argv[++i]);
    else if (argv[i] === '--layer') a.layer = argv[++i] ?? a.layer;
    else if (argv[i] !== '--child') throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

async function child(parcels: number, layerFile: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('layerMemory: run under node --expose-gc');
  const take = (step: string): Step => {
    gc();
    gc();
    const m = process.memoryUsage();
    return { step, heapMB: m.heapUsed / 1e6, arrayBuffersMB: m.arrayBuffers / 1e6 };
  };
  const county = ensureCounty({ parcels });
  const bytes = new Uint8Array(readFileSync(join(county.dir, `${layerFile}.geojson`)));
  const steps: Step[] = [take('file bytes only')];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importLayer(`${layerFile}.geojson`, bytes, { kind: layerFile === 'cultivated' ? 'cultivated' : 'permanent-basic' });
  const cpu = process.cpuUsage(c0);
  const wallMs = performance.now() - t0;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const layer = r.layer;
  if (!layer) throw new Error(`layerMemory: ${layerFile} did not load: ${r.findings[0]?.message ?? '?'}`);
  // keep only the layer (the worker keeps only ws.add(id, r.layer))
  const holder: { layer: typeof layer | null } = { layer };
  const keep = r as { read?: unknown; chosen?: unknown };
  keep.read = undefined;
  keep.chosen = undefined;
  const ps = layer.parcels as (Partial<Parcel> & Record<string, unknown>)[];
  const count = ps.length;
  steps.push(take('layer loaded'));
  // (the original properties are the layer's columns, layers/propsTable.ts; the rest are the parcels' own fields)
  (holder.layer as { props?: unknown }).props = undefined;
  steps.push(take('without props'));
  // (attrs: the layer's attribute table, layers/attrTable.ts, which every parcel points to)
  for (const [part, field] of [['attrs', 'attrsFrom'], ['id', 'id'], ['bbox', 'bbox'], ['geometry', 'geometry']] as const) {
    for (const p of ps) p[field] = undefined;
    steps.push(take(`without ${part}`));
  }
  ps.length = 0;
  steps.push(take('without parcel objects'));
  (holder.layer as { index: unknown }).index = null;
  holder.layer = null;
  steps.push(take('without the spatial index'));
  process.stdout.write(
    `${JSON.stringify({ parcels: count, file: `${layerFile}.geojson`, fileMB: bytes.length / 1e6, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMB, steps })}\n`,
  );
}

/** The table: each part's share (the drop from the step before). */
export function layerMemoryTable(r: { parcels: number; file: string; fileMB: number; wallMs: number; cpuMs: number; peakRssMB: number; steps: Step[] }): string {
  const out = [
    `${r.file}: ${r.parcels.toLocaleString('en-US')} parcels, ${r.fileMB.toFixed(0)} MB; importLayer ${Math.round(r.wallMs)} ms wall / ${Math.round(r.cpuMs)} ms CPU; peak RSS ${Math.round(r.peakRssMB)} MB`,
    '',
    '| part of the loaded layer | JS heap | typed arrays | bytes / parcel |',
    '|---|---|---|---|',
  ];
  for (let i = 2; i < r.steps.length; i++) {
    const a = r.steps[i - 1];
    const b = r.steps[i];
    const heap = a.heapMB - b.heapMB;
    const ab = a.arrayBuffersMB - b.arrayBuffersMB;
    out.push(`| ${b.step.replace(/^without /, '')} | ${heap.toFixed(0)} MB | ${ab.toFixed(0)} MB | ${Math.round(((heap + ab) * 1e6) / r.parcels)} |`);
  }
  const all = r.steps[1];
  const none = r.steps[r.steps.length - 1];
  out.push(`| **whole layer** | ${(all.heapMB - none.heapMB).toFixed(0)} MB | ${(all.arrayBuffersMB - none.arrayBuffersMB).toFixed(0)} MB | ${Math.round(((all.heapMB - none.heapMB + all.arrayBuffersMB - none.arrayBuffersMB) * 1e6) / r.parcels)} |`);
  return out.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  if (process.argv.includes('--child')) {
    child(args.parcels, args.layer).catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    });
  } else {
    const res = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6000', '--import', 'tsx', import.meta.filename, ...process.argv.slice(2), '--child'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    });
    if (res.status !== 0) process.exit(res.status ?? 1);
    process.stdout.write(`${layerMemoryTable(JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}'))}\n`);
  }
}
