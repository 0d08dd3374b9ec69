/**
 * Impact on the province as `farmland serve` answers it, timed in a process of its own that holds no county in
 * memory (dbBench.ts's process keeps a 600k county for its comparisons, and its collector's pauses land on the
 * server path's timings too): the full report (`impactFromDb`, every parcel id) and the drawing's live figures
 * (`liveImpactFromDb`, no ids for the parcels read from cells), alternately, on the same random sites.
 *
 *   DATABASE_URL=… npx tsx test/bench/dbImpactLean.ts [--sites 20] [--km 2,20]   (after `npm run bench:db -- …`: schema fa_bench)
 */
import { liveImpactFromDb } from '../../src/server/impactAnswer';
import { openPool } from '../../src/server/db';
import { impactFromDb } from '../../src/server/impactDb';
import type { AreaGeometry } from '../../src/core/types';
import { mulberry32 } from './genParcels';

const argOf = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms · p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
const square = (cx: number, cy: number, km: number): AreaGeometry => {
  const dLat = km / 2 / 111.32;
  const dLon = dLat / Math.cos((cy * Math.PI) / 180);
  return { type: 'Polygon', coordinates: [[[cx - dLon, cy - dLat], [cx + dLon, cy - dLat], [cx + dLon, cy + dLat], [cx - dLon, cy + dLat], [cx - dLon, cy - dLat]]] };
};

async function main() {
  const pool = openPool(undefined, 4, 'fa_bench');
  const sites = Number(argOf('sites', '20'));
  const b = (await pool.query<{ x0: number; y0: number; x1: number; y1: number }>("SELECT min(x0) AS x0, min(y0) AS y0, max(x1) AS x1, max(y1) AS y1 FROM fa_impact_cell WHERE county = (SELECT county FROM fa_county ORDER BY ord LIMIT 1)")).rows[0];
  const rnd = mulberry32(7);
  const at = (km: number) => [square(b.x0 + (b.x1 - b.x0) * (0.3 + 0.4 * rnd()), b.y0 + (b.y1 - b.y0) * (0.3 + 0.4 * rnd()), km)];
  await impactFromDb(pool, at(2)); // (compiling the code paths once)
  await liveImpactFromDb(pool, at(2));
  for (const km of argOf('km', '2,20').split(',').map(Number)) {
    const full: number[] = [];
    const live: number[] = [];
    for (let i = 0; i < sites; i++) {
      const s = at(km);
      const order = i % 2 === 0 ? ['full', 'live'] : ['live', 'full'];
      for (const form of order) {
        const t = performance.now();
        if (form === 'full') await impactFromDb(pool, s);
        else await liveImpactFromDb(pool, s);
        (form === 'full' ? full : live).push(performance.now() - t);
      }
    }
    console.log(`impact ${km} km site, server process holding no county: full report ${fmt(full)} · live figures ${fmt(live)}`);
  }
  await pool.end();
}

void main();
