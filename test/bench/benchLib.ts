/**
 * The benchmark's measuring functions (bench.ts prints them; bench.test.ts runs them small so they cannot rot).
 *
 * Per size n (seeded parcels from genParcels.ts):
 *   load    the engine load exactly as the app's worker (src/worker/handler.ts `load`) and the CLI (src/cli/load.ts)
 *           run it on a file's bytes, up to the layer being usable: readImport (UTF-8 decode, JSON.parse, depth /
 *           field / extent / CRS checks) then loadLayerFromFeatures (validation, ellipsoidal area, bbox, attributes,
 *           spatial index). Not included: the worker's serialisation for the map after that. Side by side with bare
 *           JSON.parse of the already decoded text, and with decode + JSON.parse of the same bytes; each run starts
 *           after a full GC, so no run is charged for collecting another's garbage. The pieces separately, too;
 *   area    ellipsoidal (engine) vs Turf `area` vs GeographicLib polygon area over all features; max relative
 *           difference vs GeographicLib (geodesic edges), and vs GeographicLib on the same straight lon/lat edges
 *           (densified) on a sample;
 *   impact  latency of prepareSite + computeImpact for random 2 km and 20 km sites vs "index + plain
 *           turf.intersect" (flatbush search, @turf/intersect on each candidate, ellipsoidal area of the result).
 * Times are performance.now() after a warm-up; medians over repeats where cheap.
 */
import { area as turfArea } from '@turf/area';
import { featureCollection } from '@turf/helpers';
import { intersect as turfIntersect } from '@turf/intersect';
import GeographicLib from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon } from 'geojson';
import { computeImpact, prepareSite } from '../../src/core/analysis/impact';
import { geometryAreaEllipsoidal } from '../../src/core/area/ellipsoid';
import { buildIndex, geometryBBox, searchIndex } from '../../src/core/index/spatialIndex';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readImport } from '../../src/core/io/readAny';
import { plainGeometry } from '../../src/core/io/flatGeometry';
import { parseGeoJson } from '../../src/core/io/readGeojson';
import { readAttrs } from '../../src/core/layers/fields';
import { buildLayer, type Layer } from '../../src/core/layers/layer';
import { type LoadedLayer, loadLayerFromFeatures } from '../../src/core/engine/loadLayer';
import type { AreaGeometry, LayerKind } from '../../src/core/types';
import { validateParcels } from '../../src/core/validate/validate';
import { type GeneratedParcels, generateParcels, parcelsToGeoJsonText, randomSites } from './genParcels';

export interface BenchOptions {
  /** Sites per diameter: [2 km, 20 km]. */
  sites: { small: number; large: number };
  /**
   * Of the large sites, how many also run the turf.intersect baseline (it costs ~0.3–1.5 ms per candidate, i.e.
   * 5–20 s per 20 km site): the first k of the same sites.
   */
  turfLargeSites: number;
  /** Site diameters in metres. */
  diameters: { small: number; large: number };
  /** Repeats of the cheap timings (JSON.parse / load at ≤ 200k, area loops). */
  repeats: number;
  /** Parcels in the straight-edge GeographicLib sample. */
  densifiedSample: number;
  seed: number;
  /** Progress messages (stderr); silent when undefined. */
  log?: (msg: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sites: { small: 40, large: 12 },
  turfLargeSites: 4,
  diameters: { small: 2000, large: 20_000 },
  repeats: 5,
  densifiedSample: 5000,
  seed: 20_240_205,
};

/** Wall-clock ms (performance.now) and this process's CPU ms (process.cpuUsage, user + system). */
export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Median CPU time: robust when other processes share the cores (wall time then includes waiting for one). */
  cpuMedian: number;
}

export interface Latency {
  sites: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** The same percentiles of CPU time. */
  cpuP50: number;
  cpuP95: number;
}

export interface ImpactResult {
  diameterM: number;
  sites: number;
  /** Mean candidates from the index per site. */
  meanCandidates: number;
  engine: Latency | null;
  /** Baseline latency over the first `turf.sites` sites (all of them for small sites). */
  turf: Latency;
  /** turf p50 / engine p50 (how many times faster the engine is). */
  speedupP50: number | null;
  speedupP95: number | null;
  /** Max |engine area / turf area − 1| over sites with area > 1 m². */
  maxRelDiffArea: number | null;
  /** Engine candidates resolved without clipping (whole + outside + green) / candidates. */
  engineStats: { candidates: number; whole: number; outside: number; green: number; clipped: number } | null;
  /** Turf intersect calls that threw (counted, skipped). */
  turfFailures: number;
  /** Engine runs that threw (counted; the site's timing is skipped) and engine per-parcel failures reported. */
  engineErrors: number;
  engineFailures: number;
}

export interface SizeResult {
  parcels: number;
  vertices: number;
  verticesPerParcel: number;
  textMB: number;
  generateMs: number;
  /** Heap in use with the loaded layer (MB). */
  heapUsedMB: number;
  load: {
    /** Bare JSON.parse of the decoded text (decoding not timed). */
    jsonParse: Timing;
    /** TextDecoder + JSON.parse of the file's bytes: the least any loader of those bytes does. */
    decodeAndParse: Timing;
    /** The worker's load from the file's bytes (see the header): readImport + loadLayerFromFeatures. */
    engineLoad: Timing;
    /** The same load with the flat GeoJSON path off (readImport `flatGeojson: false`): what it was before. */
    engineLoadJsonParse: Timing;
    /** engineLoadJsonParse / JSON.parse, wall. */
    ratioJsonPath: number;
    /** engine load / JSON.parse, by wall time and by CPU time. */
    ratio: number;
    cpuRatio: number;
    /** engine load / (decode + JSON.parse), by wall time and by CPU time. */
    ratioToDecodeParse: number;
    cpuRatioToDecodeParse: number;
    /**
     * CPU ms of each piece, run once after the warm-ups (wall ms in piecesWall): parseGeoJson (decode + JSON.parse
     * + depth check, from the bytes), readImport (all of the reader: parseGeoJson + fields, extent, CRS), validate
     * (validateParcels), buildLayer (reusing validation's areas, bboxes, attributes and index, as loadLayer does);
     * then on their own, for reference: area, bbox, attrs and index of all features.
     */
    pieces: Pieces;
    piecesWall: Pieces;
    findings: number;
    loadedParcels: number;
    /** Σ parcel areas of the loaded layer (engine) and of the bench's own ellipsoidal loop (reference). */
    engineTotalM2: number;
    referenceTotalM2: number;
  };
  area: {
    ellipsoidal: Timing;
    turf: Timing;
    geographiclib: Timing;
    nsPerVertex: { ellipsoidal: number; turf: number; geographiclib: number };
    ratioToTurf: { ellipsoidal: number; geographiclib: number };
    /** The same ratios by CPU time. */
    cpuRatioToTurf: { ellipsoidal: number; geographiclib: number };
    /** Σ areas (m²) by each method. */
    totals: { ellipsoidal: number; turf: number; geographiclib: number };
    /** vs GeographicLib with geodesic edges: max and 99th percentile of |ours/geo − 1|, count above 1e-6. */
    vsGeodesic: { max: number; p99: number; over1e6: number };
    /** vs GeographicLib on the same straight lon/lat edges (each edge cut into 16), on a sample. */
    vsStraightEdges: { sample: number; max: number };
    /** Turf / ellipsoid − 1 over all features (the sphere's bias at this latitude). */
    turfBias: number;
  };
  impact: ImpactResult[];
}

type Pieces = { parseGeoJson: number; readImport: number; validate: number; buildLayer: number; area: number; bbox: number; attrs: number; index: number };

/**
 * A full garbage collection, so that a timed run starts on a clean heap and is not charged for collecting what the
 * run before it left (at 500k parcels a dropped parse result is ~1 GB). `gc` is exposed at run time, as `node
 * --expose-gc` would; the flag only adds that function.
 */
const collectGarbage: () => void = (() => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * The engine load of the app's worker (src/worker/handler.ts `load`, the kind chosen by the user) and of the CLI
 * (src/cli/load.ts loadLayerFile), on a file's bytes: the same two calls.
 */
export function engineLoad(file: string, bytes: Uint8Array, kind: LayerKind = 'cultivated', importOpts: { flatGeojson?: boolean } = {}): LoadedLayer {
  const read = readImport(file, bytes, importOpts);
  const usable = read.layers.filter((l) => l.features.length > 0);
  const chosen = usable[0] ?? read.layers[0];
  const loaded = loadLayerFromFeatures(kind, file, chosen?.features ?? []);
  return { layer: loaded.layer, findings: [...read.findings, ...(chosen?.findings ?? []), ...loaded.findings] };
}

const now = () => performance.now();
/** CPU ms of this process so far (user + system). */
export const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Run fn once: [wall ms, cpu ms]. */
export function measure(fn: () => unknown): [number, number] {
  const c0 = cpuNow();
  const t0 = now();
  fn();
  const t = now() - t0;
  return [t, cpuNow() - c0];
}

function timing(wall: number[], cpu: number[]): Timing {
  const w = [...wall].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  return { median: w[w.length >> 1], min: w[0], max: w[w.length - 1], runs: w.length, cpuMedian: c[c.length >> 1] };
}

export function timeRepeated(fn: () => unknown, repeats: number, warmup = 1): Timing {
  return timeInterleaved([fn], repeats, warmup)[0];
}

/**
 * Time several functions round-robin (A B A B …), so that whatever else the machine is doing falls on all of
 * them alike and their ratio stays meaningful.
 */
export function timeInterleaved(fns: readonly (() => unknown)[], repeats: number, warmup = 1, beforeEach?: () => void): Timing[] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const wall = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  for (let r = 0; r < repeats; r++)
    fns.forEach((fn, k) => {
      beforeEach?.();
      const [w, c] = measure(fn);
      wall[k].push(w);
      cpu[k].push(c);
    });
  return fns.map((_, k) => timing(wall[k], cpu[k]));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function latency(ms: readonly number[], cpuMs: readonly number[] = ms): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const c = [...cpuMs].sort((a, b) => a - b);
  return {
    sites: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    cpuP50: percentile(c, 0.5),
    cpuP95: percentile(c, 0.95),
  };
}

const geod = new GeographicLib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** GeographicLib area of a Polygon/MultiPolygon (|outer| − Σ|holes| per part); `densify` cuts each edge in lon/lat. */
export function geographicLibArea(geom: AreaGeometry, densify = 1): number {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  let total = 0;
  for (const poly of polys)
    for (let k = 0; k < poly.length; k++) {
      const ring = poly[k];
      const p = geod.Polygon(false);
      for (let i = 0; i + 1 < ring.length; i++)
        if (densify === 1) p.AddPoint(ring[i][1], ring[i][0]);
        else
          for (let j = 0; j < densify; j++) {
            const t = j / densify;
            p.AddPoint(ring[i][1] + (ring[i + 1][1] - ring[i][1]) * t, ring[i][0] + (ring[i + 1][0] - ring[i][0]) * t);
          }
      const a = Math.abs(p.Compute(false, true).area ?? Number.NaN);
      total += k === 0 ? a : -a;
    }
  return total;
}

/** "Index + plain turf.intersect": flatbush candidates, @turf/intersect each, ellipsoidal area of the pieces. */
export function turfImpactArea(site: Polygon, layer: Layer): { areaM2: number; candidates: number; failures: number } {
  const b = geometryBBox(site);
  const cands = searchIndex(layer.index, layer.parcels.length, b);
  const siteFeature = { type: 'Feature' as const, properties: {}, geometry: site };
  let area = 0;
  let failures = 0;
  for (const i of cands) {
    const p = layer.parcels[i];
    try {
      const r = turfIntersect(featureCollection<Polygon | MultiPolygon>([{ type: 'Feature', properties: {}, geometry: p.geometry }, siteFeature]));
      if (r) area += geometryAreaEllipsoidal(r.geometry);
    } catch {
      failures++;
    }
  }
  return { areaM2: area, candidates: cands.length, failures };
}

function measureImpact(
  gen: GeneratedParcels,
  layer: Layer,
  diameterM: number,
  count: number,
  turfCount: number,
  seed: number,
  opts: BenchOptions,
): ImpactResult {
  const sites = randomSites(gen, count, diameterM, seed);
  const warm = randomSites(gen, 3, diameterM, seed + 1);
  // engine: median of 3 runs per site (cheap); baseline: one run per site (it is not cheap)
  const reps = 3;
  for (const s of warm) {
    computeImpact(prepareSite([s]), [layer]);
    if (turfCount === count) turfImpactArea(s, layer);
  }
  const eng: number[] = [];
  const engCpu: number[] = [];
  const tf: number[] = [];
  const tfCpu: number[] = [];
  let maxRel = 0;
  let turfFailures = 0;
  let engineErrors = 0;
  let engineFailures = 0;
  const stats = { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 };
  for (let k = 0; k < sites.length; k++) {
    const s = sites[k];
    const e: number[] = [];
    const ec: number[] = [];
    let engineArea = 0;
    for (let r = 0; r < reps; r++) {
      try {
        const c0 = cpuNow();
        const t0 = now();
        const rep = computeImpact(prepareSite([s]), [layer]);
        e.push(now() - t0);
        ec.push(cpuNow() - c0);
        engineArea = rep.layers[0]?.areaM2 ?? 0;
        if (r === 0) {
          for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] += rep.stats[key];
          engineFailures += rep.failures.length;
        }
      } catch (err) {
        engineErrors++;
        opts.log?.(`    engine threw on site ${k + 1}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    e.sort((a, b) => a - b);
    ec.sort((a, b) => a - b);
    if (e.length) {
      eng.push(e[e.length >> 1]);
      engCpu.push(ec[ec.length >> 1]);
    }
    let turfMs = Number.NaN;
    if (k < turfCount) {
      let res = { areaM2: 0, candidates: 0, failures: 0 };
      const [w, c] = measure(() => {
        res = turfImpactArea(s, layer);
      });
      turfMs = w;
      tf.push(w);
      tfCpu.push(c);
      turfFailures += res.failures;
      if (e.length && res.areaM2 > 1) maxRel = Math.max(maxRel, Math.abs(engineArea / res.areaM2 - 1));
    }
    opts.log?.(
      `    ${diameterM / 1000} km site ${k + 1}/${sites.length}: engine ${e.length ? e[e.length >> 1].toFixed(2) : '—'} ms` +
        (k < turfCount ? `, turf ${turfMs.toFixed(1)} ms` : ''),
    );
  }
  const engine = eng.length ? latency(eng, engCpu) : null;
  const turf = latency(tf, tfCpu);
  return {
    diameterM,
    sites: sites.length,
    meanCandidates: stats.candidates / sites.length,
    engine,
    turf,
    speedupP50: engine ? turf.p50 / engine.p50 : null,
    speedupP95: engine ? turf.p95 / engine.p95 : null,
    maxRelDiffArea: engine ? maxRel : null,
    engineStats: engine ? stats : null,
    turfFailures,
    engineErrors,
    engineFailures,
  };
}

/**
 * The load pieces and the area comparison, on their own parse of the text. A separate function so that its
 * feature copy is garbage before the engine's layer is built: at 500k parcels two copies and the text press on
 * Node's default 4 GB heap and GC time would be charged to whatever runs next.
 */
function piecesAndArea(text: string, bytes: Uint8Array, vertices: number, n: number, opts: BenchOptions) {
  const log = opts.log ?? (() => {});
  const wall: Pieces = { parseGeoJson: 0, readImport: 0, validate: 0, buildLayer: 0, area: 0, bbox: 0, attrs: 0, index: 0 };
  const cpu: Pieces = { ...wall };
  const piece = <T>(name: keyof Pieces, fn: () => T): T => {
    let out: T | undefined;
    collectGarbage();
    [wall[name], cpu[name]] = measure(() => {
      out = fn();
    });
    return out as T;
  };
  // warm the engine's code paths on a slice first
  const cut = text.indexOf(',\n', Math.min(200_000, text.length >> 2));
  const warmBytes = new TextEncoder().encode(cut > 0 ? `${text.slice(0, cut)}\n]}` : text);
  for (let i = 0; i < 3; i++) if (engineLoad('warm.geojson', warmBytes).layer.parcels.length === 0) throw new Error('warm-up slice did not load');
  piece('parseGeoJson', () => parseGeoJson(bytes, 'bench.geojson').features.length);
  const read = piece('readImport', () => readImport('bench.geojson', bytes));
  const features = read.layers[0]?.features ?? [];
  const v = piece('validate', () => validateParcels(features, { file: 'bench.geojson', kind: 'cultivated' }));
  piece('buildLayer', () => buildLayer('cultivated', 'bench.geojson', features, { skip: v.blocked, validated: v.parcels }));
  // the area methods are compared on nested coordinates (a flat geometry would build them on every read)
  const geoms = (features as { geometry: AreaGeometry }[]).map((f) => plainGeometry(f.geometry));
  const referenceTotal = piece('area', () => {
    let sum = 0;
    for (const g of geoms) sum += geometryAreaEllipsoidal(g);
    return sum;
  });
  const bboxes = piece('bbox', () => geoms.map((g) => geometryBBox(g)));
  piece('attrs', () => {
    for (const f of features as { properties: Record<string, unknown> }[]) readAttrs(f.properties);
  });
  piece('index', () => buildIndex(bboxes));
  log(`  pieces (cpu ms): ${JSON.stringify(cpu)}`);

  // ---- area over all features
  let sink = 0;
  const [ell, trf] = timeInterleaved(
    [
      () => {
        let s = 0;
        for (const g of geoms) s += geometryAreaEllipsoidal(g);
        sink += s;
      },
      () => {
        let s = 0;
        for (const g of geoms) s += turfArea(g);
        sink += s;
      },
    ],
    opts.repeats,
    2,
  );
  log(`  area: ellipsoidal ${ell.median.toFixed(1)} ms, turf ${trf.median.toFixed(1)} ms`);
  const geoAreas = new Float64Array(geoms.length);
  const geo = timeRepeated(
    () => {
      for (let i = 0; i < geoms.length; i++) geoAreas[i] = geographicLibArea(geoms[i]);
    },
    1,
    n > 200_000 ? 0 : 1,
  );
  log(`  area: GeographicLib ${geo.median.toFixed(0)} ms`);
  const diffs = new Float64Array(geoms.length);
  let totEll = 0;
  let totTurf = 0;
  let totGeo = 0;
  let over = 0;
  for (let i = 0; i < geoms.length; i++) {
    const a = geometryAreaEllipsoidal(geoms[i]);
    totEll += a;
    totTurf += turfArea(geoms[i]);
    totGeo += geoAreas[i];
    diffs[i] = Math.abs(a / geoAreas[i] - 1);
    if (!(diffs[i] <= 1e-6)) over++;
  }
  const sortedDiffs = Array.from(diffs).sort((a, b) => a - b);
  const sample = Math.min(opts.densifiedSample, geoms.length);
  let maxStraight = 0;
  for (let i = 0; i < sample; i++) {
    const g = geoms[Math.floor((i * geoms.length) / sample)];
    maxStraight = Math.max(maxStraight, Math.abs(geometryAreaEllipsoidal(g) / geographicLibArea(g, 16) - 1));
  }
  if (!Number.isFinite(sink)) throw new Error('area loop produced a non-finite sum');
  const area: SizeResult['area'] = {
    ellipsoidal: ell,
    turf: trf,
    geographiclib: geo,
    nsPerVertex: {
      ellipsoidal: (ell.median * 1e6) / vertices,
      turf: (trf.median * 1e6) / vertices,
      geographiclib: (geo.median * 1e6) / vertices,
    },
    ratioToTurf: { ellipsoidal: ell.median / trf.median, geographiclib: geo.median / trf.median },
    cpuRatioToTurf: { ellipsoidal: ell.cpuMedian / trf.cpuMedian, geographiclib: geo.cpuMedian / trf.cpuMedian },
    totals: { ellipsoidal: totEll, turf: totTurf, geographiclib: totGeo },
    vsGeodesic: { max: sortedDiffs[sortedDiffs.length - 1], p99: percentile(sortedDiffs, 0.99), over1e6: over },
    vsStraightEdges: { sample, max: maxStraight },
    turfBias: totTurf / totEll - 1,
  };
  return { wall, cpu, referenceTotal, area };
}

/** Run the whole benchmark for one size. */
export function benchSize(n: number, opts: BenchOptions = DEFAULT_OPTIONS): SizeResult {
  const log = opts.log ?? (() => {});
  const t0 = now();
  const gen = generateParcels(n, opts.seed);
  const text = parcelsToGeoJsonText(gen.features);
  const generateMs = now() - t0;
  const count = gen.features.length;
  gen.features = []; // only the extent is needed from here on (sites)
  log(`  ${n}: generated ${count} parcels, ${(text.length / 1e6).toFixed(1)} MB in ${(generateMs / 1000).toFixed(1)} s`);

  const bytes = new TextEncoder().encode(text);
  const pa = piecesAndArea(text, bytes, gen.vertices, n, opts);

  // ---- load: bare JSON.parse, decode + JSON.parse and the engine on the same bytes, interleaved, each after a GC
  const loadReps = n > 200_000 ? 3 : Math.min(5, Math.max(3, opts.repeats));
  let loaded: LoadedLayer | undefined;
  let sink = 0;
  const [jsonParse, decodeAndParse, engineLoadT, engineJsonT] = timeInterleaved(
    [
      () => {
        sink += JSON.parse(text).features.length;
      },
      () => {
        sink += JSON.parse(new TextDecoder().decode(bytes)).features.length;
      },
      () => {
        loaded = engineLoad('bench.geojson', bytes);
      },
      () => {
        loaded = engineLoad('bench.geojson', bytes, 'cultivated', { flatGeojson: false });
        sink -= loaded.layer.parcels.length;
      },
    ],
    loadReps,
    0,
    () => {
      loaded = undefined; // let the previous layer go before the next run
      collectGarbage();
    },
  );
  if (!loaded || sink !== loadReps * loaded.layer.parcels.length) throw new Error('engine load did not run');
  // the layer kept is the flat path's (the last run above was the JSON.parse path's)
  loaded = engineLoad('bench.geojson', bytes);
  log(
    `  JSON.parse ${jsonParse.median.toFixed(0)} ms (cpu ${jsonParse.cpuMedian.toFixed(0)}), decode + JSON.parse ${decodeAndParse.median.toFixed(0)} ms (cpu ${decodeAndParse.cpuMedian.toFixed(0)}), engine load ${engineLoadT.median.toFixed(0)} ms (cpu ${engineLoadT.cpuMedian.toFixed(0)}), engine load through JSON.parse ${engineJsonT.median.toFixed(0)} ms (cpu ${engineJsonT.cpuMedian.toFixed(0)})`,
  );
  const layer = loaded.layer;
  const engineTotal = layer.parcels.reduce((s, p) => s + p.areaM2, 0);
  const heapUsedMB = process.memoryUsage().heapUsed / 2 ** 20;

  // ---- impact
  const impact: ImpactResult[] = [];
  log(`  impact: ${opts.sites.small} × ${opts.diameters.small / 1000} km and ${opts.sites.large} × ${opts.diameters.large / 1000} km sites`);
  impact.push(measureImpact(gen, layer, opts.diameters.small, opts.sites.small, opts.sites.small, opts.seed + 2, opts));
  const large = opts.sites.large;
  impact.push(measureImpact(gen, layer, opts.diameters.large, large, Math.min(large, opts.turfLargeSites), opts.seed + 3, opts));

  return {
    parcels: count,
    vertices: gen.vertices,
    verticesPerParcel: gen.vertices / count,
    textMB: text.length / 1e6,
    generateMs,
    heapUsedMB,
    load: {
      jsonParse,
      decodeAndParse,
      engineLoad: engineLoadT,
      engineLoadJsonParse: engineJsonT,
      ratioJsonPath: engineJsonT.median / jsonParse.median,
      ratio: engineLoadT.median / jsonParse.median,
      cpuRatio: engineLoadT.cpuMedian / jsonParse.cpuMedian,
      ratioToDecodeParse: engineLoadT.median / decodeAndParse.median,
      cpuRatioToDecodeParse: engineLoadT.cpuMedian / decodeAndParse.cpuMedian,
      pieces: pa.cpu,
      piecesWall: pa.wall,
      findings: loaded.findings.length,
      loadedParcels: layer.parcels.length,
      engineTotalM2: engineTotal,
      referenceTotalM2: pa.referenceTotal,
    },
    area: pa.area,
    impact,
  };
}
