/**
 * Per-call state (issue #14 §5): the GeoJSON scanner and the Green's-theorem overlay before (module-level state,
 * frozen copies in test/bench/legacy/ from a2c9ff9) and after (a closure per call / per overlay context), measured
 * side by side in one run on the same seeded data, rounds alternating so drift hits both alike.
 *
 *   npm run bench -- --per-call-state [--parcels 200000] [--rounds 7]   (or npx tsx test/bench/perCallState.ts …)
 *
 * Prints median CPU times and the after/before ratio (< 1 is faster). Also checks both give identical results.
 */
import { scanFlatCollection as scanAfter } from '../../src/core/io/flatGeojson';
import { greenOverlay, prepareArea as prepareAfter, type PreparedArea } from '../../src/core/overlay/greenArea';
import { generateParcels, parcelsToGeoJsonText, randomSites } from './genParcels';
import { scanFlatCollection as scanBefore } from './legacy/flatGeojson';
import { intersectionAreaPrepared as areaBefore, prepareArea as prepareBefore } from './legacy/greenArea';
import { numberArg } from './numberArg';

const n = numberArg('parcels', 200_000);
const rounds = numberArg('rounds', 7);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * CPU time of f (user + system, ms): on a shared machine wall time mostly measures the neighbours. f runs once
 * untimed first, so the timed run pays for its own variant's garbage, not the other's (without this, whichever
 * variant ran second in a round took up to 2× as long; a forced full GC instead slowed both unevenly).
 */
const time = (f: () => unknown): number => {
  f();
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};

const gen = generateParcels(n);
const bytes = new TextEncoder().encode(parcelsToGeoJsonText(gen.features));

// ---- scanner
const before: number[] = [];
const after: number[] = [];
const a0 = scanAfter(bytes);
const b0 = scanBefore(bytes);
if (!a0 || !b0 || a0.count !== b0.count || a0.store.xs.length !== b0.store.xs.length || a0.store.xs.some((v, i) => v !== b0.store.xs[i])) throw new Error('scanner results differ');
for (let r = 0; r < rounds; r++) {
  if (r % 2 === 0) {
    before.push(time(() => scanBefore(bytes)));
    after.push(time(() => scanAfter(bytes)));
  } else {
    after.push(time(() => scanAfter(bytes)));
    before.push(time(() => scanBefore(bytes)));
  }
}

// ---- overlay: every parcel near each of 150 sites of 2 km, exact area of parcel ∩ site
const sites = randomSites(gen, 150, 2000, 7);
const parcelsB = gen.features.map((f) => prepareBefore(f.geometry));
const parcelsA = gen.features.map((f) => prepareAfter(f.geometry));
const sitesB = sites.map((s) => prepareBefore(s, { index: true }));
const sitesA = sites.map((s) => prepareAfter(s, { index: true }));
const near = (P: PreparedArea, S: PreparedArea) => !(P.bbox[0] > S.bbox[2] || P.bbox[2] < S.bbox[0] || P.bbox[1] > S.bbox[3] || P.bbox[3] < S.bbox[1]);
const pairs: [number, number][] = [];
sitesA.forEach((S, s) => {
  parcelsA.forEach((P, p) => {
    if (near(P, S)) pairs.push([p, s]);
  });
});
let sumB = 0;
let sumA = 0;
const runBefore = () => {
  sumB = 0;
  for (const [p, s] of pairs) sumB += areaBefore(parcelsB[p], sitesB[s]) ?? 0;
};
const runAfter = () => {
  sumA = 0;
  const g = greenOverlay();
  for (const [p, s] of pairs) sumA += g.intersectionArea(parcelsA[p], sitesA[s]) ?? 0;
};
runBefore();
runAfter();
if (sumA !== sumB) throw new Error(`overlay results differ: ${sumA} vs ${sumB}`);
const ovB: number[] = [];
const ovA: number[] = [];
for (let r = 0; r < rounds; r++) {
  if (r % 2 === 0) {
    ovB.push(time(runBefore));
    ovA.push(time(runAfter));
  } else {
    ovA.push(time(runAfter));
    ovB.push(time(runBefore));
  }
}

const f1 = (v: number) => v.toFixed(1);
const row = (what: string, b: number[], a: number[]) => `| ${what} | ${f1(median(b))} ms | ${f1(median(a))} ms | ${(median(a) / median(b)).toFixed(3)} |`;
if (process.argv.includes("--verbose")) process.stdout.write(`scanner before ${before.map((v) => v.toFixed(0)).join(" ")}\nscanner after  ${after.map((v) => v.toFixed(0)).join(" ")}\n`);
process.stdout.write(
  [
    `Per-call state, before (module-level, a2c9ff9) vs after (per-call context); ${n.toLocaleString('en-US')} seeded parcels, ${(bytes.length / 1e6).toFixed(1)} MB GeoJSON, median CPU time of ${rounds} alternating rounds`,
    '',
    '| what | before | after | after / before |',
    '| --- | ---: | ---: | ---: |',
    row('scanFlatCollection (whole file)', before, after),
    row(`Green overlay, ${pairs.length.toLocaleString('en-US')} parcel × 2 km site pairs`, ovB, ovA),
    '',
    `identical results: scanner ${a0.count} features, overlay Σ ${sumA.toFixed(3)} m²`,
    '',
  ].join('\n'),
);
