/**
 * The dashboard's drawing in server mode, side by side in one run on the province `npm run bench:db` loaded (schema
 * fa_bench; run that first, same DATABASE_URL): for ~2 km and ~20 km sites, what the browser waits for and
 * receives —
 *   now:      POST /api/impact form 'live' (every frame's figures) and form 'full' (the finished site's report with
 *             every parcel id, touched parcels, outlines), gzipped as a browser takes them;
 *   before:   GET /api/parcels?bbox= (the site's box, margin as serverMode.ts boxAround) as the worker fetched it,
 *             then the worker's work on it (layersFromBox + DrawingSession.impact);
 * through the server in-process (fastify inject: no network, so the bytes are what a network would carry). The
 * figures of both paths are compared (1e-9).
 *
 *   DATABASE_URL=… npx tsx test/bench/serverDrawBench.ts
 */
import { gunzipSync } from 'node:zlib';
import { boxAround } from '../../src/app/serverMode';
import { layersFromBox, type BoxParcels } from '../../src/core/engine/boxLayers';
import { DrawingSession } from '../../src/core/engine/drawing';
import { type FullImpactWire, reportFromWire } from '../../src/core/engine/impactWire';
import type { AreaGeometry, BBox } from '../../src/core/types';
import { buildServer } from '../../src/server/app';
import { openPool } from '../../src/server/db';
import { mulberry32 } from './genParcels';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms · p95 ${pct(xs, 95).toFixed(0)} ms`;
const kb = (xs: number[]) => `${(pct(xs, 50) / 1024).toFixed(1)} kB`;
const square = (cx: number, cy: number, km: number): AreaGeometry => {
  const dLat = km / 2 / 111.32;
  const dLon = dLat / Math.cos((cy * Math.PI) / 180);
  return { type: 'Polygon', coordinates: [[[cx - dLon, cy - dLat], [cx + dLon, cy - dLat], [cx + dLon, cy + dLat], [cx - dLon, cy + dLat], [cx - dLon, cy - dLat]]] };
};

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (the database `npm run bench:db` loaded)');
  const pool = openPool(undefined, 4, 'fa_bench');
  const county = await pool.query<{ bbox: number[]; n: string }>(
    "SELECT l.bbox, (SELECT count(*) FROM fa_parcel) AS n FROM fa_layer l JOIN fa_county c ON c.county = l.county WHERE l.kind = 'cultivated' ORDER BY c.ord LIMIT 1",
  );
  if (!county.rows[0]) throw new Error('schema fa_bench holds no province: run `npm run bench:db` first');
  const b = county.rows[0].bbox as BBox;
  console.log(`server-mode drawing: the province of fa_bench (${Number(county.rows[0].n).toLocaleString('en')} parcels), sites in its first county`);
  const app = await buildServer({ pool });
  const gz = { 'accept-encoding': 'gzip' };
  const rnd = mulberry32(42);
  const rel = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
  for (const [km, n] of [[2, 10], [20, 5]] as const) {
    const t = { live: [] as number[], full: [] as number[], boxFetch: [] as number[], worker: [] as number[] };
    const bytes = { live: [] as number[], full: [] as number[], fullRaw: [] as number[], box: [] as number[] };
    let touched = 0;
    let boxParcels = 0;
    let mismatches = 0;
    for (let i = 0; i < n; i++) {
      const site = [square(b[0] + (b[2] - b[0]) * (0.3 + 0.4 * rnd()), b[1] + (b[3] - b[1]) * (0.3 + 0.4 * rnd()), km)];
      let t0 = performance.now();
      const live = await app.inject({ method: 'POST', url: '/api/impact', headers: gz, payload: { site, form: 'live' } });
      t.live.push(performance.now() - t0);
      bytes.live.push(live.rawPayload.length);
      t0 = performance.now();
      const full = await app.inject({ method: 'POST', url: '/api/impact', headers: gz, payload: { site, form: 'full' } });
      t.full.push(performance.now() - t0);
      const fullText = full.headers['content-encoding'] === 'gzip' ? gunzipSync(full.rawPayload).toString() : full.payload;
      bytes.full.push(full.rawPayload.length);
      bytes.fullRaw.push(fullText.length);
      const wire = JSON.parse(fullText) as FullImpactWire;
      touched += wire.touchedTotal;
      // before: the site's box of parcels as GeoJSON, then the worker's engine on it
      const s = (site[0].coordinates as number[][][])[0];
      const around = boxAround([s[0][0], s[0][1], s[2][0], s[2][1]]);
      t0 = performance.now();
      const box = await app.inject({ method: 'GET', url: `/api/parcels?bbox=${around.join(',')}` });
      t.boxFetch.push(performance.now() - t0);
      bytes.box.push(box.rawPayload.length);
      t0 = performance.now();
      const layers = layersFromBox(JSON.parse(box.payload) as BoxParcels);
      const before = new DrawingSession(() => layers).impact(site);
      t.worker.push(performance.now() - t0);
      boxParcels += layers.reduce((x, l) => x + l.parcels.length, 0);
      const now = reportFromWire(wire.report);
      for (const l of before.report.layers) {
        const d = now.layers.find((x) => x.kind === l.kind);
        if (!d || !rel(d.areaM2, l.areaM2) || d.parcels !== l.parcels || d.parcelIds.some((id, k) => id !== l.parcelIds[k])) mismatches++;
      }
      if (!rel(now.compensation.quantityMu, before.report.compensation.quantityMu) || wire.touchedTotal !== before.touchedTotal) mismatches++;
    }
    const nowFull = pct(t.full, 50);
    const prev = pct(t.boxFetch.map((x, i) => x + t.worker[i]), 50);
    console.log(
      `${km} km site (~${Math.round(touched / n).toLocaleString('en')} touched parcels; the box held ~${Math.round(boxParcels / n).toLocaleString('en')}):\n` +
        `  now    — live ${ms(t.live)}, ${kb(bytes.live)} · full ${ms(t.full)}, ${kb(bytes.full)} gzipped (${kb(bytes.fullRaw)} JSON)\n` +
        `  before — box fetch ${ms(t.boxFetch)}, ${kb(bytes.box)} (not compressed) + worker parse and engine ${ms(t.worker)}\n` +
        `  before ÷ now (p50): ${(prev / nowFull).toFixed(1)}× the time of a full answer, ${(prev / pct(t.live, 50)).toFixed(1)}× a live one (each edit before reused the box; a new box cost this again); ` +
        `bytes ${(pct(bytes.box, 50) / pct(bytes.full, 50)).toFixed(0)}× · figures ≠ (1e-9): ${mismatches}`,
    );
  }
  await app.close();
  await pool.end();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
