/**
 * What the engine worker's import of a county layer costs, by phase, in Node (issue 14 item 8: ready ≤ 8 s waits on
 * that worker): CPU, the fresh memory it wrote (minor page faults × 4 KiB — on this VM the first write to a page costs
 * ~3 ms per MB, docs/large-layers.md) and the JS heap, for the read (the flat scan) and for validation + building; with
 * `--alloc`, the JS heap allocated during the import by function (V8's sampling heap profiler, counting what was
 * collected too); with `--cpu`, the CPU time by function (V8's sampling CPU profiler, self time), read and
 * validate + build apart.
 *
 *   npx tsx test/bench/importProfile.ts [--parcels 500000] [--rounds 2] [--alloc | --cpu] [--pack]
 * `--pack`: the same layer from its layer pack (`cultivated.fpk`, core/io/flatPack.ts; written beside the county once).
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { importLayer } from '../../src/core/engine/importLayer';
import { packedManifest } from './countyPacks';
import { ensureCounty } from './genCounty';
import { numberArg } from './numberArg';

interface Snap {
  faults: number;
  cpuMs: number;
  heapMB: number;
}
interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}
interface ProfNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfNode[];
}

const snap = (): Snap => {
  const c = process.cpuUsage();
  return { faults: process.resourceUsage().minorPageFault, cpuMs: (c.user + c.system) / 1000, heapMB: process.memoryUsage().heapUsed / 1e6 };
};
const between = (a: Snap, b: Snap) => `CPU ${(b.cpuMs - a.cpuMs).toFixed(0)} ms, fresh memory ${(((b.faults - a.faults) * 4096) / 1e6).toFixed(0)} MB, JS heap ${a.heapMB.toFixed(0)} → ${b.heapMB.toFixed(0)} MB`;

async function main(): Promise<void> {
  const parcels = numberArg('parcels', 500_000);
  const rounds = numberArg('rounds', 2);
  const alloc = process.argv.includes('--alloc');
  const cpu = process.argv.includes('--cpu');
  const pack = process.argv.includes('--pack');
  const dir = ensureCounty({ parcels }).dir;
  if (pack) packedManifest(dir);
  const file = pack ? 'cultivated.fpk' : 'cultivated.geojson';
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  console.log(`耕地 of the ${parcels}-parcel county, ${file}, ${(bytes.length / 1e6).toFixed(0)} MB; node ${process.version}`);
  const session = new Session();
  if (alloc || cpu) session.connect();
  if (alloc) await session.post('HeapProfiler.enable');
  if (cpu) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  for (let round = 1; round <= rounds; round++) {
    if (alloc) await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    if (cpu) await session.post('Profiler.start');
    const s0 = snap();
    let s1 = s0;
    let validateAt = 0;
    const r = await importLayer(file, bytes, {
      kind: 'cultivated',
      onValidate: () => {
        s1 = snap();
        validateAt = performance.timeOrigin * 1000 + performance.now() * 1000;
      },
    });
    const s2 = snap();
    console.log(`round ${round}: ${r.layer?.parcels.length ?? 0} parcels; read: ${between(s0, s1)}; validate + build: ${between(s1, s2)}`);
    if (cpu) printCpu(((await session.post('Profiler.stop')) as unknown as { profile: CpuProfile }).profile, validateAt);
    if (!alloc) continue;
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfNode } };
    const by = new Map<string, number>();
    const walk = (n: ProfNode) => {
      const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`;
      by.set(k, (by.get(k) ?? 0) + n.selfSize);
      n.children.forEach(walk);
    };
    walk(profile.head);
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    console.log(`  JS heap allocated during the import (sampled): ${(total / 1e6).toFixed(0)} MB; by function:`);
    for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(v / 1e6).toFixed(1).padStart(7)} MB  ${k}`);
  }
}

/** Self time by function, before and after `splitAt` (µs since the epoch, the profile's clock on Linux). */
function printCpu(p: CpuProfile, splitAt: number): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const phases = [new Map<string, number>(), new Map<string, number>()];
  // The profile's timestamps are the monotonic clock; anchor the split to the profile's start instead.
  const startWall = performance.timeOrigin * 1000 + performance.now() * 1000 - p.timeDeltas.reduce((a, b) => a + b, 0);
  let t = 0;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i];
    const n = byId.get(id);
    if (!n) return;
    const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
    const m = phases[startWall + t < splitAt ? 0 : 1];
    m.set(k, (m.get(k) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  });
  ['read', 'validate + build'].forEach((name, i) => {
    const total = [...phases[i].values()].reduce((a, b) => a + b, 0);
    console.log(`  ${name}: ${(total / 1000).toFixed(0)} ms sampled; self time by function:`);
    for (const [k, v] of [...phases[i]].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  });
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
