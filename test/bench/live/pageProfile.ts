/**
 * Where the page's main thread spends its CPU while the app loads a county (issue 14 item 8): a V8 CPU profile of the
 * page (CDP Profiler, 1 ms samples) from navigation to ready, summed by function (self time), top 40. The build is
 * minified, so names are short; the file and line still tell app code from MapLibre. Only the page's isolate: the
 * workers' CPU is in loadCompare's per-thread split.
 *
 *   npx tsx test/bench/live/pageProfile.ts [--parcels 500000]
 */
import { ensureCounty } from '../genCounty';
import { clearAppStorage, openDataset, startApp } from './app';
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
async function main() {
  const i = process.argv.indexOf('--parcels');
  const parcels = i >= 0 ? Number(process.argv[i + 1]) : 500000;
  const dir = ensureCounty({ parcels }).dir;
  const app = await startApp({ [`county-${parcels}`]: dir });
  try {
    await clearAppStorage(app);
    const cdp = await app.h.context.newCDPSession(app.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const load = await openDataset(app, `county-${parcels}/manifest.json`, { firstParcels: false });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number } };
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
    for (const n of profile.nodes) {
      const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(k, (self.get(k) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
    }
    console.log('ready', load.readyMs.toFixed(0), 'profile ms', ((profile.endTime - profile.startTime) / 1000).toFixed(0));
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(0).padStart(7), k);
  } finally {
    await app.close();
  }
  process.exit(0);
}
void main();
