/**
 * Golden area fixtures, Turf style: every test/fixtures/in/area-*.geojson is run through the area engine and the
 * result compared with test/fixtures/out/<same name>. `REGEN=1 npx vitest run test/golden-area.test.ts` rewrites
 * the out/ files (review the diff!). Each output feature keeps its input properties and adds
 * area_m2 (ellipsoidal, CGCS2000), area_mu and area_spherical_m2 (Turf); the collection adds the totals.
 *
 * Anchors checked on the outputs themselves, so a regeneration cannot bake in a wrong figure: the 1-亩 squares are
 * 1 亩, the 1-公顷 square is 15 亩, every orientation of one parcel has one area, degenerate input is 0.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geometryArea } from '../src/core/area/area';
import { m2ToMu } from '../src/core/area/units';
import type { AreaGeometry } from '../src/core/types';
import { expectClose as expectCloseTo } from './helpers/expectClose';

const IN = join(__dirname, 'fixtures', 'in');
const OUT = join(__dirname, 'fixtures', 'out');
const REGEN = process.env.REGEN === '1';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: { type: string } | null;
}
interface Collection {
  type: 'FeatureCollection';
  name?: string;
  features: Feature[];
  totals?: Record<string, number>;
}

function run(input: Collection): Collection {
  let total = 0;
  let totalSpherical = 0;
  const features = input.features.map((f) => {
    const g = f.geometry as AreaGeometry | null;
    const m2 = geometryArea(g, 'ellipsoidal');
    const sph = geometryArea(g, 'spherical');
    total += m2;
    totalSpherical += sph;
    return { ...f, properties: { ...(f.properties ?? {}), area_m2: m2, area_mu: m2ToMu(m2), area_spherical_m2: sph } };
  });
  return {
    type: 'FeatureCollection',
    name: input.name,
    totals: { features: features.length, area_m2: total, area_mu: m2ToMu(total), area_spherical_m2: totalSpherical },
    features,
  };
}

/** One feature per line: readable diffs. */
function serialise(c: Collection): string {
  const head = JSON.stringify({ type: c.type, name: c.name, totals: c.totals }).slice(0, -1);
  return `${head},"features":[\n${c.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** Numbers compared to { abs: 1e-9, rel: 1e-12 } (absolute + relative), see test/helpers/expectClose.ts. */
const expectClose = (actual: unknown, expected: unknown, path: string) => expectCloseTo(actual, expected, path, { abs: 1e-9, rel: 1e-12 });

const files = readdirSync(IN)
  .filter((f) => /^area-.*\.geojson$/.test(f))
  .sort();

describe('golden area fixtures (in/ → out/)', () => {
  it('there are fixtures to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    it(file, () => {
      const input = JSON.parse(readFileSync(join(IN, file), 'utf8')) as Collection;
      const result = run(input);
      const outPath = join(OUT, file);
      if (REGEN || !existsSync(outPath)) {
        mkdirSync(OUT, { recursive: true });
        writeFileSync(outPath, serialise(result));
        if (!REGEN) throw new Error(`${outPath} did not exist: written now, review it and rerun`);
      }
      const expected = JSON.parse(readFileSync(outPath, 'utf8')) as Collection;
      expectClose(JSON.parse(JSON.stringify(result)), expected, file);
    });
  }
});

describe('anchors in the golden outputs', () => {
  const out = (name: string) => JSON.parse(readFileSync(join(OUT, name), 'utf8')) as Collection;
  const byId = (c: Collection) => new Map(c.features.map((f) => [String(f.properties?.BSM), f.properties ?? {}]));

  it('1-亩 squares are 1 亩, the 1-公顷 square 15 亩; 1°×1° cells grow smaller toward the pole', () => {
    const m = byId(out('area-cells.geojson'));
    for (const lat of [18, 30, 47, 54]) expect(Math.abs((m.get(`mu-${lat}`)?.area_mu as number) - 1)).toBeLessThan(1e-8);
    expect(Math.abs((m.get('ha-45.7')?.area_mu as number) - 15)).toBeLessThan(1e-7);
    const cells = [20, 35, 47, 53].map((lat) => m.get(`cell-${lat}`)?.area_m2 as number);
    for (let i = 1; i < cells.length; i++) expect(cells[i]).toBeLessThan(cells[i - 1]);
    // 120–121° E × 47–48° N = 8,376.63 km² (closed form in ellipsoid.test.ts)
    expect(cells[2] / 1e6).toBeGreaterThan(8_376.6);
    expect(cells[2] / 1e6).toBeLessThan(8_376.7);
  });

  it('one parcel in every orientation, closed or not, from any start has one area', () => {
    const c = out('area-orientation.geojson');
    const areas = c.features.map((f) => f.properties?.area_m2 as number);
    for (const a of areas) expect(Math.abs(a / areas[0] - 1)).toBeLessThan(1e-12);
  });

  it('holes subtract whatever their orientation; multipolygons add their parts', () => {
    const h = byId(out('area-holes.geojson'));
    const two = h.get('two-holes')?.area_m2 as number;
    expect(h.get('two-holes-rfc')?.area_m2).toBeCloseTo(two, 6);
    expect(h.get('two-holes-cw')?.area_m2).toBeCloseTo(two, 6);
    expect(two).toBeLessThan(h.get('one-hole')?.area_m2 as number);
    expect(h.get('one-hole')?.area_m2 as number).toBeLessThan(h.get('no-hole')?.area_m2 as number);
    expect(h.get('hole-too-big')?.area_m2).toBe(0);
    const mp = byId(out('area-multipolygon.geojson'));
    expect(mp.get('mp-one')?.area_m2).toBeCloseTo(h.get('one-hole')?.area_m2 as number, 6);
    expect(mp.get('mp-empty')?.area_m2).toBe(0);
  });

  it('degenerate geometries have no area in either method', () => {
    for (const f of out('area-degenerate.geojson').features) {
      expect(f.properties?.area_m2, String(f.properties?.BSM)).toBeLessThan(1e-6);
      expect(f.properties?.area_spherical_m2, String(f.properties?.BSM)).toBeLessThan(1e-6);
    }
  });

  it('totals are the sums of the features', () => {
    for (const file of files) {
      const c = out(file);
      const sum = c.features.reduce((s, f) => s + (f.properties?.area_m2 as number), 0);
      expect(c.totals?.area_m2).toBeCloseTo(sum, 6);
      expect(c.totals?.features).toBe(c.features.length);
    }
  });
});
