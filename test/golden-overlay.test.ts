/**
 * Golden overlay fixtures, Turf style: every test/fixtures/in/overlay-*.json ({"site","supplement"?,"layers":{kind:FC}},
 * written by scripts/make-overlay-fixtures.ts) goes through the engine — layers loaded as the CLI loads them, then
 * overlaps counted once, occupation impact (the CLI's --json layout), 三区三线 conflicts and balance — and the
 * result is compared with test/fixtures/out/<same name>. `REGEN=1 npx vitest run test/golden-overlay.test.ts`
 * rewrites out/ (review the diff!).
 *
 * Anchors that a regeneration cannot bake in: every overlay area equals the area polyclip-ts (Turf 7's clipper)
 * gives for the same union/intersection, to 1e-9 of the site (or layer) area; Σ effective areas = union area.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeBalance } from '../src/core/analysis/balance';
import { redlineConflicts } from '../src/core/analysis/conflicts';
import { computeImpact } from '../src/core/analysis/impact';
import { multiPolygonAreaEllipsoidal } from '../src/core/area/ellipsoid';
import { readAttrs } from '../src/core/layers/fields';
import { isLayerKind } from '../src/core/layers/kinds';
import type { Layer } from '../src/core/layers/layer';
import { parcelId } from '../src/core/layers/layer';
import { loadLayerFromFeatures } from '../src/core/engine/loadLayer';
import { intersectGeometries, unionGeometries } from '../src/core/overlay/clip';
import { layerOverlaps } from '../src/core/overlay/overlaps';
import type { AreaGeometry } from '../src/core/types';
import { balanceJson } from '../src/cli/commands/balance';
import { impactJson } from '../src/cli/commands/impact';
import { expectClose as expectCloseTo } from './helpers/expectClose';

const IN = join(__dirname, 'fixtures', 'in');
const OUT = join(__dirname, 'fixtures', 'out');
const REGEN = process.env.REGEN === '1';

interface FC {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: unknown; properties: Record<string, unknown> | null; geometry: AreaGeometry }[];
}
interface Input {
  name: string;
  site: FC;
  supplement?: FC;
  layers: Record<string, FC>;
}

function load(input: Input): Layer[] {
  return Object.entries(input.layers).map(([kind, fc]) => {
    if (!isLayerKind(kind)) throw new Error(`bad kind ${kind}`);
    return loadLayerFromFeatures(kind, `${kind}.geojson`, fc.features).layer;
  });
}

function run(input: Input) {
  const layers = load(input);
  const site = input.site.features.map((f) => f.geometry);
  const impact = computeImpact(site, layers);
  const overlaps = layers.map((l) => {
    const o = layerOverlaps(l);
    return {
      kind: l.kind,
      parcels: l.parcels.length,
      gross_area_m2: l.grossAreaM2,
      union_area_m2: o.unionAreaM2,
      overlaps: o.overlaps.map((p) => ({ a: l.parcels[p.a].id, b: l.parcels[p.b].id, area_m2: p.areaM2 })),
      effective_area_m2: Array.from(o.effectiveAreaM2),
      failures: o.failures,
    };
  });
  const conflicts = redlineConflicts(layers).map((c) => ({ a: c.a, b: c.b, area_m2: c.areaM2, area_mu: c.areaMu, pairs: c.pairs.map((p) => ({ a: p.aId, b: p.bId, area_m2: p.areaM2, bbox: p.bbox })) }));
  let balance: Record<string, unknown> | undefined;
  if (input.supplement) {
    const sups = input.supplement.features.map((f, i) => {
      const attrs = readAttrs(f.properties);
      return { id: parcelId(attrs.id, f.id, i), geometry: f.geometry, attrs };
    });
    const b = computeBalance(impact, sups, layers);
    const { occupation: _o, ...rest } = balanceJson(b, impact);
    balance = rest;
  }
  return { name: input.name, overlaps, impact: impactJson(impact), conflicts, ...(balance ? { balance } : {}), _layers: layers, _site: site };
}

/** Numbers compared to { abs: 1e-6, rel: 1e-9 } (absolute + relative), see test/helpers/expectClose.ts. */
const expectClose = (actual: unknown, expected: unknown, path: string) => expectCloseTo(actual, expected, path, { abs: 1e-6, rel: 1e-9 });

const files = readdirSync(IN)
  .filter((f) => /^overlay-.*\.json$/.test(f))
  .sort();

const clipArea = (c: number[][][][]) => multiPolygonAreaEllipsoidal(c);

describe('golden overlay fixtures (in/ → out/)', () => {
  it('there are fixtures to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    const input = JSON.parse(readFileSync(join(IN, file), 'utf8')) as Input;
    const result = run(input);
    const { _layers: layers, _site: site, ...golden } = result;

    it(`${file}: matches out/`, () => {
      const outPath = join(OUT, file);
      if (REGEN || !existsSync(outPath)) {
        mkdirSync(OUT, { recursive: true });
        writeFileSync(outPath, `${JSON.stringify(golden, null, 1)}\n`);
        if (!REGEN) throw new Error(`${outPath} did not exist: written now, review it and rerun`);
      }
      const expected = JSON.parse(readFileSync(outPath, 'utf8'));
      expectClose(JSON.parse(JSON.stringify(golden)), expected, file);
    });

    it(`${file}: every area equals polyclip's (union ∩ union) to 1e-9`, () => {
      const siteU = unionGeometries(site) as number[][][][];
      const siteArea = clipArea(siteU);
      expect(Math.abs(golden.impact.site_area_m2 as number) / siteArea).toBeCloseTo(1, 9);
      for (const layer of layers) {
        const layerU = unionGeometries(layer.parcels.map((p) => p.geometry)) as number[][][][];
        const unionArea = clipArea(layerU);
        const ov = golden.overlaps.find((o) => o.kind === layer.kind)!;
        expect(Math.abs(ov.union_area_m2 - unionArea) / unionArea, `${layer.kind} union`).toBeLessThan(1e-9);
        expect(Math.abs(ov.effective_area_m2.reduce((s, x) => s + x, 0) - ov.union_area_m2)).toBeLessThan(1e-6);
        const inter = clipArea(intersectGeometries(layerU, siteU) as number[][][][]);
        const got = (golden.impact.layers as { kind: string; area_m2: number }[]).find((l) => l.kind === layer.kind)!.area_m2;
        expect(Math.abs(got - inter) / siteArea, `${layer.kind} ∩ site: ${got} vs ${inter}`).toBeLessThan(1e-9);
      }
      for (const c of golden.conflicts) {
        const ua = unionGeometries(layers.find((l) => l.kind === c.a)!.parcels.map((p) => p.geometry)) as number[][][][];
        const ub = unionGeometries(layers.find((l) => l.kind === c.b)!.parcels.map((p) => p.geometry)) as number[][][][];
        const inter = clipArea(intersectGeometries(ua, ub) as number[][][][]);
        expect(Math.abs(c.area_m2 - inter) / Math.max(clipArea(ua), 1), `${c.a} ∩ ${c.b}: ${c.area_m2} vs ${inter}`).toBeLessThan(1e-9);
      }
    });
  }

  it('the fixtures exercise what they are for', () => {
    const snapped = run(JSON.parse(readFileSync(join(IN, 'overlay-snapped.json'), 'utf8')) as Input);
    const gd = (snapped.impact.layers as { kind: string; pieces: { whole: boolean }[] }[])[0];
    expect(gd.pieces.filter((p) => p.whole).length).toBeGreaterThan(0); // snapped parcels inside: no clipping
    const ov = run(JSON.parse(readFileSync(join(IN, 'overlay-overlaps.json'), 'utf8')) as Input);
    expect(ov.overlaps[0].overlaps.length).toBeGreaterThanOrEqual(4);
    const red = run(JSON.parse(readFileSync(join(IN, 'overlay-redlines.json'), 'utf8')) as Input);
    expect(red.conflicts.every((c) => c.area_m2 > 0)).toBe(true);
    expect((red.impact.flags as { outside_urban_boundary: boolean }).outside_urban_boundary).toBe(true);
    expect((red.balance as { pieces: { zones: unknown[] }[] }).pieces.some((p) => p.zones.length > 0)).toBe(true);
  });
});
