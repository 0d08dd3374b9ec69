/**
 * Where the app spends its CPU while it loads a county (issue 14 item 8): V8 CPU profiles (CDP Profiler, 1 ms
 * samples) summed by function (self time), top 40.
 * - default: the page's main thread, from navigation to ready;
 * - `--after S`: every isolate (the page and each worker: engine, tiles, MapLibre's) for S seconds from the moment the
 *   bench calls the load done (ready, figures and summary shown, map idle) — the work that goes on after it.
 * The build is minified, so names are short; the file and line still tell app code from MapLibre.
 *
 * `--names` builds unminified (readable names, a slower app).
 *
 *   npx tsx test/bench/live/pageProfile.ts [--parcels 500000] [--after 15] [--names]
 */
import { ensureCounty } from '../genCounty';
import { clearAppStorage, openDataset, rendererMemory, startApp } from './app';
import { isolates } from './heapBreakdown';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Self time by function (ms), highest first. */
function selfTimes(profile: Profile): [string, number][] {
  const self = new Map<string, number>();
  const dt = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  for (const n of profile.nodes) {
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

function print(name: string, profile: Profile, top: number): void {
  const rows = selfTimes(profile).filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'));
  const busy = rows.reduce((s, [, v]) => s + v, 0);
  console.log(`\n${name}: ${(busy / 1000).toFixed(2)} s busy in ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
  for (const [k, v] of rows.slice(0, top)) if (v >= 5) console.log(v.toFixed(0).padStart(7), k);
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const parcels = Number(arg('--parcels') ?? 500000);
  const after = arg('--after');
  const dir = ensureCounty({ parcels }).dir;
  const app = await startApp({ [`county-${parcels}`]: dir }, undefined, { minify: !process.argv.includes('--names') });
  try {
    await clearAppStorage(app);
    if (after) {
      const load = await openDataset(app, `county-${parcels}/manifest.json`, { firstParcels: false });
      const cdp = await app.h.context.newCDPSession(app.page);
      const list = await isolates(cdp);
      for (const iso of list) {
        await iso.send('Profiler.enable');
        await iso.send('Profiler.setSamplingInterval', { interval: 1000 });
        await iso.send('Profiler.start');
      }
      console.log('ready', load.readyMs.toFixed(0), 'renderer', rendererMemory(app).renderer, 'MB; profiling', after, 's');
      await new Promise((r) => setTimeout(r, Number(after) * 1000));
      console.log('renderer', rendererMemory(app).renderer, 'MB');
      for (const iso of list) {
        const r = (await iso.send('Profiler.stop')) as { profile?: Profile } | null;
        if (r?.profile) print(iso.name, r.profile, 25);
      }
    } else {
      const cdp = await app.h.context.newCDPSession(app.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
      const load = await openDataset(app, `county-${parcels}/manifest.json`, { firstParcels: false });
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      console.log('ready', load.readyMs.toFixed(0));
      print('page (main thread)', profile, 40);
    }
  } finally {
    await app.close();
  }
  process.exit(0);
}
void main();
