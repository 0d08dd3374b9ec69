/**
 * Smoke test of the benchmark on 2k parcels, so `npm run bench` cannot rot: the generator makes what it promises
 * and every figure the bench reports is a finite number that agrees with an independent reference.
 */
import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../../src/core/area/ellipsoid';
import { m2ToMu } from '../../src/core/area/units';
import { buildIndex, geometryBBox } from '../../src/core/index/spatialIndex';
import { benchSize, DEFAULT_OPTIONS, latency, percentile, type SizeResult } from './benchLib';
import { generateParcels, parcelsToGeoJsonText } from './genParcels';

/** Every number in the result, with its path (null marks a section that did not run). */
function numbers(v: unknown, path = ''): [string, number | null][] {
  if (v === null) return [[path, null]];
  if (typeof v === 'number') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => numbers(x, `${path}[${i}]`));
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => numbers(x, `${path}.${k}`));
  return [];
}

describe('bench parcel generator', () => {
  const n = 2000;
  const g = generateParcels(n);

  it('is deterministic for a seed', () => {
    expect(parcelsToGeoJsonText(generateParcels(300).features)).toBe(parcelsToGeoJsonText(generateParcels(300).features));
    expect(parcelsToGeoJsonText(generateParcels(300, 1).features)).not.toBe(parcelsToGeoJsonText(generateParcels(300).features));
  });

  it('makes n field-like parcels of ~9 positions near 47° N, a few to a few hundred 亩', () => {
    expect(g.features.length).toBe(n);
    expect(g.vertices / n).toBeGreaterThan(8.5);
    expect(g.vertices / n).toBeLessThan(9.5);
    const mu = g.features.map((f) => m2ToMu(geometryAreaEllipsoidal(f.geometry))).sort((a, b) => a - b);
    expect(mu[0]).toBeGreaterThan(1);
    expect(mu[mu.length - 1]).toBeLessThan(600);
    expect(percentile(mu, 0.5)).toBeGreaterThan(15);
    expect(percentile(mu, 0.5)).toBeLessThan(80);
    expect(g.bbox[1]).toBeGreaterThan(46.5);
    expect(g.bbox[3]).toBeLessThan(47.5);
  });

  it('parcels never overlap: their bounding boxes are disjoint (jitter only moves points inward)', () => {
    const boxes = g.features.map((f) => geometryBBox(f.geometry));
    const index = buildIndex(boxes);
    const touching: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i];
      // touching boxes would be reported by search too; there must be none
      for (const j of index.search(b[0], b[1], b[2], b[3])) if (j !== i) touching.push(`${i}–${j}`);
    }
    expect(touching).toEqual([]);
  });

  it('carries the standard attributes with valid values; TBMJ is the ellipsoidal area', () => {
    const bsm = new Set<string>();
    const bad: string[] = [];
    for (const f of g.features) {
      const p = f.properties;
      bsm.add(p.BSM);
      if (!['0101', '0102', '0103'].includes(p.DLBM)) bad.push(`${p.BSM} DLBM ${p.DLBM}`);
      if (!(Number.isInteger(p.GDDJ) && p.GDDJ >= 1 && p.GDDJ <= 10)) bad.push(`${p.BSM} GDDJ ${p.GDDJ}`);
      if (!(Number.isInteger(p.GDPDJB) && p.GDPDJB >= 1 && p.GDPDJB <= 5)) bad.push(`${p.BSM} GDPDJB ${p.GDPDJB}`);
      if (!/^\d{19}$/.test(p.ZLDWDM)) bad.push(`${p.BSM} ZLDWDM ${p.ZLDWDM}`);
      if (!(Math.abs(p.TBMJ - geometryAreaEllipsoidal(f.geometry)) <= 0.005)) bad.push(`${p.BSM} TBMJ ${p.TBMJ}`);
    }
    expect(bad).toEqual([]);
    expect(bsm.size).toBe(n);
  });
});

describe('benchSize on 2k parcels', () => {
  let r: SizeResult;
  it('runs and reports only finite numbers', () => {
    r = benchSize(2000, {
      ...DEFAULT_OPTIONS,
      sites: { small: 2, large: 2 },
      turfLargeSites: 1,
      diameters: { small: 600, large: 1500 },
      repeats: 1,
      densifiedSample: 300,
    });
    const nums = numbers(r);
    expect(nums.length).toBeGreaterThan(60);
    for (const [path, v] of nums) {
      expect(v, `${path} is null: a section did not run`).not.toBeNull();
      expect(Number.isFinite(v), `${path} = ${v}`).toBe(true);
    }
    for (const t of [r.load.jsonParse, r.load.engineLoad, r.area.ellipsoidal, r.area.turf, r.area.geographiclib]) expect(t.median).toBeGreaterThan(0);
  });

  it('the engine loads every parcel with no findings, and its total equals the bench’s own ellipsoidal sum', () => {
    expect(r.load.loadedParcels).toBe(2000);
    expect(r.load.findings).toBe(0);
    expect(Math.abs(r.load.engineTotalM2 / r.load.referenceTotalM2 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.area.totals.ellipsoidal / r.load.referenceTotalM2 - 1)).toBeLessThan(1e-12);
  });

  it('area figures agree with GeographicLib and show the sphere’s bias at ~46.6° N', () => {
    expect(r.area.vsStraightEdges.max).toBeLessThan(1e-6);
    expect(Math.abs(r.area.totals.geographiclib / r.area.totals.ellipsoidal - 1)).toBeLessThan(1e-6);
    expect(r.area.vsGeodesic.max).toBeLessThan(1e-4);
    expect(r.area.turfBias).toBeGreaterThan(-0.0029);
    expect(r.area.turfBias).toBeLessThan(-0.0022);
    expect(r.area.ratioToTurf.geographiclib).toBeGreaterThan(r.area.ratioToTurf.ellipsoidal);
  });

  it('impact: the engine and index + turf.intersect find the same area on the same sites', () => {
    expect(r.impact.map((i) => i.diameterM)).toEqual([600, 1500]);
    for (const i of r.impact) {
      expect(i.engine).not.toBeNull();
      expect(i.engineErrors).toBe(0);
      expect(i.turfFailures).toBe(0);
      expect(i.meanCandidates).toBeGreaterThan(4);
      expect(i.maxRelDiffArea ?? 1).toBeLessThan(1e-9);
    }
    expect(r.impact[0].turf.sites).toBe(2);
    expect(r.impact[1].turf.sites).toBe(1);
    expect(r.impact[1].engine?.sites).toBe(2);
  });

  it('latency and percentile helpers', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    const l = latency([3, 1, 2]);
    expect(l).toEqual({ sites: 3, p50: 2, p95: 3, max: 3, mean: 2, cpuP50: 2, cpuP95: 3 });
    expect(latency([3, 1, 2], [0.3, 0.1, 0.2])).toMatchObject({ p50: 2, cpuP50: 0.2, cpuP95: 0.3 });
  });
});
