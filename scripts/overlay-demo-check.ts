/**
 * Cross-check on the demo county: layer overlaps, 三区三线 conflicts against polyclip on every parcel pair, and 20 random
 * sites × 4 layers against polyclip(union(layer) ∩ site).  npx tsx scripts/overlay-demo-check.ts
 */
import { readFileSync } from 'node:fs';
import { loadLayerFromGeoJson } from '../src/core/engine/loadLayer';
import { computeImpact, prepareSite } from '../src/core/analysis/impact';
import { redlineConflicts } from '../src/core/analysis/conflicts';
import { layerOverlaps } from '../src/core/overlay/overlaps';
import { clipIntersectionArea, intersectGeometries, unionGeometries } from '../src/core/overlay/clip';
import { multiPolygonAreaEllipsoidal } from '../src/core/area/ellipsoid';
import type { AreaGeometry, LayerKind } from '../src/core/types';
const kinds: LayerKind[] = ['cultivated', 'permanent-basic', 'eco-redline', 'urban-boundary'];
const layers = kinds.map((k) => loadLayerFromGeoJson(k, `${k}.geojson`, readFileSync(`data/demo/${k}.geojson`)).layer);
let t = performance.now();
for (const l of layers) { const o = layerOverlaps(l); console.log(l.kind, l.parcels.length, 'overlaps', o.overlaps.length, 'failures', o.failures.length, `${(performance.now() - t).toFixed(0)} ms`); t = performance.now(); }
t = performance.now();
const conf = redlineConflicts(layers);
console.log('conflicts', `${(performance.now() - t).toFixed(0)} ms`, conf.map((c) => `${c.a}∩${c.b} ${c.areaMu.toFixed(3)} 亩 ${c.pairs.length} pairs`));
for (const c of conf) {
  const a = layers.find((l) => l.kind === c.a)!;
  const b = layers.find((l) => l.kind === c.b)!;
  let sum = 0;
  for (const bp of b.parcels) for (const ap of a.parcels) { const r = clipIntersectionArea(ap.geometry, bp.geometry); if (r.ok) sum += r.areaM2; }
  console.log(`  polyclip Σ pairs ${c.a}∩${c.b}: rel diff ${(Math.abs(sum - c.areaM2) / Math.max(sum, 1)).toExponential(2)}`);
}
const rnd = (() => { let s = 3; return () => { s = (s * 16807) % 2147483647; return s / 2147483647; }; })();
let worst = 0;
for (let k = 0; k < 20; k++) {
  const cx = 125.65 + rnd() * 0.5, cy = 46.32 + rnd() * 0.25, r = 0.003 + rnd() * 0.02;
  const ring: number[][] = [];
  for (let i = 0; i < 17; i++) { const a = (2 * Math.PI * i) / 17; ring.push([cx + r * Math.cos(a) * (0.7 + 0.3 * rnd()), cy + r * 0.7 * Math.sin(a)]); }
  ring.push(ring[0]);
  const site: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
  const rep = computeImpact(prepareSite([site]), layers);
  for (const L of rep.layers) {
    const layer = layers.find((l) => l.kind === L.kind)!;
    const u = unionGeometries(layer.parcels.filter((p) => p.bbox[0] < cx + r && p.bbox[2] > cx - r && p.bbox[1] < cy + r && p.bbox[3] > cy - r).map((p) => p.geometry));
    const ref = multiPolygonAreaEllipsoidal(intersectGeometries(u, site));
    worst = Math.max(worst, Math.abs(ref - L.areaM2) / rep.siteAreaM2);
  }
}
console.log('20 random sites × 4 layers: worst |engine − polyclip(union ∩ site)| / site area =', worst.toExponential(2));
