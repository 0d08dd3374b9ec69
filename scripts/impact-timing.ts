/**
 * Quick impact timing on a synthetic layer (the real benchmark is test/bench): a jittered grid of ~100 m parcels
 * with shared vertices (8 vertices each) at 47° N, and random 2 km / 20 km sites (24-gons).
 *   npx tsx scripts/impact-timing.ts [parcels=500000] [runs=50]
 */
import { computeImpact, prepareSite } from '../src/core/analysis/impact';
import { buildLayer } from '../src/core/layers/layer';
import { layerOverlaps } from '../src/core/overlay/overlaps';
import { clipIntersectionArea } from '../src/core/overlay/clip';
import { searchIndex } from '../src/core/index/spatialIndex';
import type { AreaGeometry } from '../src/core/types';

const N = Number(process.argv[2] ?? 500000);
const RUNS = Number(process.argv[3] ?? 50);
let s = 7;
const rnd = () => { s |= 0; s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };

export function gridFeatures(n: number, lon0 = 125, lat0 = 47, cellM = 100) {
  const side = Math.ceil(Math.sqrt(n));
  const dLat = cellM / 111320;
  const dLon = cellM / (111320 * Math.cos((lat0 * Math.PI) / 180));
  const node = (i: number, j: number) => {
    const h = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453;
    const r1 = h - Math.floor(h);
    const h2 = Math.sin(i * 39.3468 + j * 11.135) * 24634.6345;
    const r2 = h2 - Math.floor(h2);
    return [lon0 + (i + (r1 - 0.5) * 0.3) * dLon, lat0 + (j + (r2 - 0.5) * 0.3) * dLat];
  };
  const mid = (a: number[], b: number[], k: number) => [(a[0] + b[0]) / 2 + ((k % 7) - 3) * 0.02 * dLon, (a[1] + b[1]) / 2 + ((k % 5) - 2) * 0.02 * dLat];
  const feats = [];
  for (let k = 0; k < n; k++) {
    const i = k % side;
    const j = Math.floor(k / side);
    const a = node(i, j), b = node(i + 1, j), c = node(i + 1, j + 1), d = node(i, j + 1);
    // edge midpoints keyed by the edge so neighbours share them exactly
    const mab = mid(a, b, i * 3 + j * 5), mbc = mid(b, c, (i + 1) * 7 + j * 11), mcd = mid(d, c, i * 3 + (j + 1) * 5), mda = mid(a, d, i * 7 + j * 11);
    feats.push({ type: 'Feature', properties: { BSM: `P${k}`, DLBM: ['0101', '0102', '0103'][k % 3], GDDJ: 1 + (k % 10), GDPDJB: 1 + (k % 5), ZLDWDM: '2301230000000000000' },
      geometry: { type: 'Polygon', coordinates: [[a, mab, b, mbc, c, mcd, d, mda, a]] } });
  }
  return { feats, side, dLon, dLat };
}

function site(cx: number, cy: number, radiusM: number): AreaGeometry {
  const ring: number[][] = [];
  const dLat = radiusM / 111320;
  const dLon = radiusM / (111320 * Math.cos((cy * Math.PI) / 180));
  for (let k = 0; k < 24; k++) {
    const a = (2 * Math.PI * k) / 24;
    const r = 0.8 + 0.2 * rnd();
    ring.push([cx + r * dLon * Math.cos(a), cy + r * dLat * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const pct = (xs: number[], p: number) => { const a = [...xs].sort((x, y) => x - y); return a[Math.min(a.length - 1, Math.floor(p * a.length))]; };
const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

if (process.argv[1]?.endsWith('impact-timing.ts')) main();
function main() {
  const t0 = performance.now();
  const { feats, side, dLon, dLat } = gridFeatures(N);
  const layer = buildLayer('cultivated', 'grid', feats);
  console.log(`built ${N} parcels in ${(performance.now() - t0).toFixed(0)} ms`);
  const runSet = (label: string) => {
    for (const radius of [1000, 10000]) {
      const wall: number[] = [];
      const cpu: number[] = [];
      const prepTimes: number[] = [];
      let cands = 0, clipped = 0, green = 0, whole = 0;
      const clipEvery: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const span = side - 2 * (radius / 100) - 4;
        const cx = 125 + (2 + radius / 100 + rnd() * span) * dLon;
        const cy = 47 + (2 + radius / 100 + rnd() * span) * dLat;
        const g = site(cx, cy, radius);
        const tp = performance.now();
        const c0 = cpuMs();
        const prepared = prepareSite([g]);
        const ta = performance.now();
        const rep = computeImpact(prepared, [layer]);
        const tb = performance.now();
        cpu.push(cpuMs() - c0);
        prepTimes.push(ta - tp);
        wall.push(tb - tp);
        cands += rep.stats.candidates; clipped += rep.stats.clipped; green += rep.stats.green; whole += rep.stats.whole;
        if (r < 3 && radius === 1000) {
          // cross-check against plain clipping of every candidate (the layer has no overlaps)
          const tc = performance.now();
          let sum = 0;
          for (const i of searchIndex(layer.index, layer.parcels.length, prepared.bbox)) { const c = clipIntersectionArea(layer.parcels[i].geometry, g); if (c.ok) sum += c.areaM2; }
          clipEvery.push(performance.now() - tc);
          const rel = Math.abs(sum - rep.layers[0].areaM2) / sum;
          if (rel > 1e-9) console.log('MISMATCH', sum, rep.layers[0].areaM2, rel);
        }
      }
      console.log(`[${label}] ${(2 * radius) / 1000} km site (prepareSite + computeImpact): wall p50 ${pct(wall, 0.5).toFixed(2)} p95 ${pct(wall, 0.95).toFixed(2)} max ${Math.max(...wall).toFixed(2)} ms; CPU p50 ${pct(cpu, 0.5).toFixed(2)} p95 ${pct(cpu, 0.95).toFixed(2)} ms; prepareSite p50 ${pct(prepTimes, 0.5).toFixed(2)} ms; per run: candidates ${(cands / RUNS).toFixed(0)}, whole ${(whole / RUNS).toFixed(0)}, green ${(green / RUNS).toFixed(0)}, clipped ${(clipped / RUNS).toFixed(1)}${clipEvery.length ? `; polyclip every candidate ${pct(clipEvery, 0.5).toFixed(1)} ms` : ''}`);
    }
  };
  runSet('no precomputed overlaps');
  const t1 = performance.now();
  const c1 = cpuMs();
  const ov = layerOverlaps(layer);
  console.log(`layerOverlaps: wall ${(performance.now() - t1).toFixed(0)} ms, CPU ${(cpuMs() - c1).toFixed(0)} ms, ${ov.overlaps.length} overlaps, ${ov.failures.length} failures`);
  runSet('after layerOverlaps');
}
