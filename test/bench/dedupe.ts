/**
 * Issue #14 "duplicates finds no pair outside tests": the hot paths whose repeated loops became shared helpers,
 * before (the tree at 4ff1ea2, extracted by `git archive` into node_modules/.cache — the old code exactly, not a
 * copy kept in the repository) and after (this checkout), side by side in one run on the same data, rounds
 * alternating so drift hits both alike:
 *   scan      the GeoJSON scanner (core/io/flatGeojson.ts) on the county's 耕地 file
 *   extent    the extent of a freshly JSON.parse'd collection (core/io/readGeojsonSummary.ts), as readAny's general
 *             path takes it: each round parses anew and times the first walk over the fresh tree
 *   overlay   the Green's-theorem overlay (core/overlay/greenArea.ts): parcels against 2 km sites, the red line and
 *             the townships (every parcel whose bbox meets one)
 *   overlaps  the overlap fast test (core/validate/interiorTest.ts): parcels against copies of themselves shifted by
 *             2–4 m and against the red line (every pair of meeting bboxes)
 *   tiles     the tile index's construction (worker/tiles/tileIndex.ts) over the packed parcels
 *
 *   npx tsx test/bench/dedupe.ts [--parcels 500000] [--rounds 5] [--only scan,extent,overlay,overlaps,tiles]
 *   (NODE_OPTIONS=--max-old-space-size=8000 for 500k: the extent part holds a parsed 212 MB file)
 *
 * Prints the median CPU time (user + system) of each and the after/before ratio (< 1 is faster), and checks that
 * both give identical results. The county is test/bench/genCounty.ts's (cached under the OS temp dir).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Flatbush from 'flatbush';
import { scanFlatCollection } from '../../src/core/io/flatGeojson';
import { geometryExtent } from '../../src/core/io/readGeojsonSummary';
import { greenOverlay, prepareArea } from '../../src/core/overlay/greenArea';
import { geometryBBox } from '../../src/core/index/spatialIndex';
import type { BBox, MultiPolygonCoords, PolygonCoords } from '../../src/core/types';
import { flattenAll, interiorsMayOverlap } from '../../src/core/validate/interiorTest';
import { packParcels } from '../../src/worker/tiles/packed';
import { ParcelTileIndex } from '../../src/worker/tiles/tileIndex';
import { ensureCounty } from './genCounty';

const BASE = '4ff1ea2';
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const parcels = Number(arg('parcels', '500000'));
const rounds = Number(arg('rounds', '5'));
const only = new Set(arg('only', 'scan,extent,overlay,overlaps,tiles').split(','));

// ---- the old tree
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const oldRoot = join(repo, 'node_modules/.cache', `dedupe-bench-${BASE}`);
if (!existsSync(join(oldRoot, 'src'))) {
  mkdirSync(oldRoot, { recursive: true });
  execSync(`git archive ${BASE} src | tar -x -C "${oldRoot}"`, { cwd: repo });
}
const old = async <T>(path: string): Promise<T> => (await import(join(oldRoot, path))) as T;
const oldScan = await old<typeof import('../../src/core/io/flatGeojson')>('src/core/io/flatGeojson.ts');
const oldSummary = await old<typeof import('../../src/core/io/readGeojsonSummary')>('src/core/io/readGeojsonSummary.ts');
const oldGreen = await old<typeof import('../../src/core/overlay/greenArea')>('src/core/overlay/greenArea.ts');
const oldInterior = await old<typeof import('../../src/core/validate/interiorTest')>('src/core/validate/interiorTest.ts');
const oldTiles = await old<typeof import('../../src/worker/tiles/tileIndex')>('src/worker/tiles/tileIndex.ts');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = (f: () => unknown): number => {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
/** CPU ms of f after one untimed run (so each variant pays for its own garbage, not the other's). */
const time = (f: () => unknown): number => {
  f();
  return cpu(f);
};
const rows: { part: string; before: number; after: number }[] = [];
/** Rounds alternating which variant goes first. */
function compare(part: string, before: () => number, after: () => number): void {
  const b: number[] = [];
  const a: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      b.push(before());
      a.push(after());
    } else {
      a.push(after());
      b.push(before());
    }
  }
  rows.push({ part, before: median(b), after: median(a) });
  process.stderr.write(`${part}: before ${b.map((x) => x.toFixed(0)).join(' ')} · after ${a.map((x) => x.toFixed(0)).join(' ')} ms\n`);
}
const same = (what: string, x: unknown, y: unknown): void => {
  if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${what}: before and after differ`);
};

const county = ensureCounty({ parcels });
const bytes = new Uint8Array(readFileSync(join(county.dir, 'cultivated.geojson')));
const text = new TextDecoder().decode(bytes);
process.stderr.write(`county: ${county.meta.parcels} parcels, ${(bytes.length / 1e6).toFixed(0)} MB; ${rounds} rounds\n`);

if (only.has('scan')) {
  const a = scanFlatCollection(bytes);
  const b = oldScan.scanFlatCollection(bytes);
  if (!a || !b) throw new Error('scan: not on the fast path');
  same('scan', [a.count, a.root, a.ids.slice(0, 1000), a.properties.slice(0, 1000)], [b.count, b.root, b.ids.slice(0, 1000), b.properties.slice(0, 1000)]);
  for (const k of ['xs', 'ys', 'ringStart', 'partStart', 'featurePart', 'multi', 'bbox'] as const)
    if (a.store[k].length !== b.store[k].length || a.store[k].some((v, i) => v !== b.store[k][i])) throw new Error(`scan: ${k} differ`);
  compare('scan', () => time(() => oldScan.scanFlatCollection(bytes)), () => time(() => scanFlatCollection(bytes)));
}

if (only.has('extent')) {
  const fresh = (): unknown[] => (JSON.parse(text) as { features: unknown[] }).features;
  const f0 = fresh();
  same('extent', geometryExtent(f0), oldSummary.geometryExtent(f0));
  compare(
    'extent',
    () => {
      const fs = fresh();
      return cpu(() => oldSummary.geometryExtent(fs));
    },
    () => {
      const fs = fresh();
      return cpu(() => geometryExtent(fs));
    },
  );
}

type Geom = { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
const parcelGeoms = (): Geom[] => (JSON.parse(text) as { features: { geometry: Geom }[] }).features.map((f) => f.geometry);
const bboxOf = (g: Geom): BBox => geometryBBox(g);
const layerGeoms = (file: string): Geom[] =>
  (JSON.parse(readFileSync(join(county.dir, file), 'utf8')) as { features: { geometry: Geom }[] }).features.map((f) => f.geometry);

if (only.has('overlay') || only.has('overlaps')) {
  const geoms = parcelGeoms();
  const boxes = geoms.map(bboxOf);
  const index = new Flatbush(geoms.length);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const all = boxes.reduce((t, b) => [Math.min(t[0], b[0]), Math.min(t[1], b[1]), Math.max(t[2], b[2]), Math.max(t[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);

  if (only.has('overlay')) {
    // 150 sites: 24-gons of 2 km at seeded places; with the red line and the townships (big, indexed)
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const sites: Geom[] = [];
    for (let s = 0; s < 150; s++) {
      const cx = all[0] + rnd() * (all[2] - all[0]);
      const cy = all[1] + rnd() * (all[3] - all[1]);
      const ring: [number, number][] = [];
      for (let i = 0; i <= 24; i++) {
        const t = ((i % 24) / 24) * 2 * Math.PI;
        ring.push([cx + (0.0127 * Math.cos(t)), cy + 0.009 * Math.sin(t)]);
      }
      sites.push({ type: 'Polygon', coordinates: [ring] });
    }
    const big = [...sites, ...layerGeoms('eco-redline.geojson'), ...layerGeoms('townships.geojson')];
    const pairs: number[] = [];
    big.forEach((g, s) => {
      const b = bboxOf(g);
      for (const p of index.search(b[0], b[1], b[2], b[3])) pairs.push(p, s);
    });
    const run = (prep: typeof prepareArea, overlay: typeof greenOverlay) => {
      const P = geoms.map((g) => prep(g));
      const S = big.map((g) => prep(g, { index: true }));
      return () => {
        const g = overlay();
        const out = new Float64Array(pairs.length / 2);
        for (let i = 0; i < pairs.length; i += 2) out[i / 2] = g.intersectionArea(P[pairs[i]], S[pairs[i + 1]]) ?? Number.NaN;
        return out;
      };
    };
    const before = run(oldGreen.prepareArea, oldGreen.greenOverlay);
    const after = run(prepareArea, greenOverlay);
    same('overlay', [...before()].map(String), [...after()].map(String));
    process.stderr.write(`overlay: ${(pairs.length / 2).toLocaleString('en')} pairs\n`);
    compare('overlay', () => time(before), () => time(after));
  }

  if (only.has('overlaps')) {
    // parcels, the same parcels shifted by 2–4 m (crossing their originals and maybe neighbours), and the red line
    const n = Math.min(geoms.length, 200_000);
    const shift = (g: Geom, dx: number, dy: number): PolygonCoords[] =>
      (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((poly) => poly.map((ring) => ring.map(([x, y]) => [x + dx, y + dy])));
    const items: { parts: PolygonCoords[] }[] = [];
    for (let i = 0; i < n; i++) items.push({ parts: shift(geoms[i], 0, 0) });
    for (let i = 0; i < n; i++) items.push({ parts: shift(geoms[i], 2.6e-5 * (1 + (i % 2)), 1.8e-5 * (i % 3)) });
    for (const g of layerGeoms('eco-redline.geojson')) items.push({ parts: shift(g, 0, 0) });
    const ib = items.map((it) => bboxOf({ type: 'MultiPolygon', coordinates: it.parts }));
    const idx = new Flatbush(items.length);
    for (const b of ib) idx.add(b[0], b[1], b[2], b[3]);
    idx.finish();
    const pairs: number[] = [];
    ib.forEach((b, i) => {
      for (const j of idx.search(b[0], b[1], b[2], b[3])) if (j > i) pairs.push(i, j);
    });
    const run = (flatten: typeof flattenAll, test: typeof interiorsMayOverlap) => {
      const f = flatten(items);
      return () => {
        const out = new Uint8Array(pairs.length / 2);
        for (let k = 0; k < pairs.length; k += 2) out[k / 2] = test(f, pairs[k], ib[pairs[k]], pairs[k + 1], ib[pairs[k + 1]]) ? 1 : 0;
        return out;
      };
    };
    const before = run(oldInterior.flattenAll, oldInterior.interiorsMayOverlap);
    const after = run(flattenAll, interiorsMayOverlap);
    const rb = before();
    const ra = after();
    if (rb.some((v, i) => v !== ra[i])) throw new Error('overlaps: before and after differ');
    process.stderr.write(`overlaps: ${(pairs.length / 2).toLocaleString('en')} pairs, ${ra.reduce((s, v) => s + v, 0).toLocaleString('en')} may overlap\n`);
    compare('overlaps', () => time(before), () => time(after));
  }
}

if (only.has('tiles')) {
  const fc = scanFlatCollection(bytes);
  if (!fc) throw new Error('tiles: not on the fast path');
  const s = fc.store;
  const items = Array.from({ length: fc.count }, (_, f) => {
    const polys: PolygonCoords[] = [];
    for (let p = s.featurePart[f]; p < s.featurePart[f + 1]; p++) {
      const rings: PolygonCoords = [];
      for (let r = s.partStart[p]; r < s.partStart[p + 1]; r++) {
        const ring: [number, number][] = [];
        for (let k = s.ringStart[r]; k < s.ringStart[r + 1]; k++) ring.push([s.xs[k], s.ys[k]]);
        rings.push(ring);
      }
      polys.push(rings);
    }
    return { geometry: { type: 'MultiPolygon' as const, coordinates: polys } };
  });
  const packed = packParcels(items);
  const infoOf = (i: { info: unknown }) => i.info;
  same('tiles', { ...(infoOf(new oldTiles.ParcelTileIndex(packed)) as object), ms: 0 }, { ...(infoOf(new ParcelTileIndex(packed)) as object), ms: 0 });
  compare('tiles', () => time(() => new oldTiles.ParcelTileIndex(packed)), () => time(() => new ParcelTileIndex(packed)));
}

process.stdout.write(`\nissue #14 dedupe: before = ${BASE}, after = this checkout; median CPU ms of ${rounds} alternating rounds, ${county.meta.parcels.toLocaleString('en')}-parcel county\n`);
process.stdout.write('part       before ms   after ms   after/before\n');
for (const r of rows) process.stdout.write(`${r.part.padEnd(10)} ${r.before.toFixed(0).padStart(9)} ${r.after.toFixed(0).padStart(10)}   ${(r.after / r.before).toFixed(3)}\n`);
