/**
 * When each part of a county's load starts and ends, on the page's clock (issue 14 item 8: ready ≤ 8 s): every
 * request the page made (start → first byte → last byte, from Resource Timing — the engine worker's own requests are
 * not in the page's list) beside the app's milestones (map made, status, each layer's phases, each layer on the
 * map). Shows how long the load waits before its first file is asked for, and how far the engine worker's reading
 * lags behind the download.
 *
 *   npx tsx test/bench/live/loadMilestones.ts [--parcels 500000] [--rounds 2] [--pack]
 * --pack: the county from its layer packs (manifest-pack.json, test/bench/countyPacks.ts).
 */
import { packedManifest } from '../countyPacks';
import { ensureCounty } from '../genCounty';
import { numberArg } from '../numberArg';
import { clearAppStorage, openDataset, startApp } from './app';

async function main(): Promise<void> {
  const parcels = numberArg('parcels', 500_000);
  const rounds = numberArg('rounds', 2);
  const dir = ensureCounty({ parcels }).dir;
  const manifest = process.argv.includes('--pack') ? packedManifest(dir) : 'manifest.json';
  const app = await startApp({ [`county-${parcels}`]: dir });
  try {
    for (let round = 1; round <= rounds; round++) {
      await clearAppStorage(app);
      const load = await openDataset(app, `county-${parcels}/${manifest}`, { firstParcels: false });
      const requests = await app.page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => {
          const r = e as PerformanceResourceTiming;
          return { name: r.name.split('/').slice(-2).join('/'), start: r.startTime, firstByte: r.responseStart, end: r.responseEnd };
        }),
      );
      const page = await app.page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
      console.log(`round ${round}: ready at ${(load.readyMs / 1000).toFixed(2)} s; DOMContentLoaded at ${(page / 1000).toFixed(2)} s`);
      console.log('  requests (s from navigation: asked → first byte → last byte):');
      const s = (ms: number) => (ms / 1000).toFixed(2);
      for (const r of requests) console.log(`    ${s(r.start)} → ${s(r.firstByte)} → ${s(r.end)}  ${r.name}`);
      console.log('  milestones:');
      for (const e of load.events.filter((x) => !x.what.startsWith('idle'))) console.log(`    ${s(e.at)}  ${e.what}`);
    }
  } finally {
    await app.close();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
