/**
 * The flat fast path (flatGeojson.ts → FlatGeometry) against the JSON.parse path, on every GeoJSON file in the
 * repository (demo data, e2e data, golden inputs and the 80-odd hostile inputs of test/fixtures/bad): the import
 * (features, fields, extent, crs, findings), validation (findings) and the loaded layer (parcels, ids, attributes,
 * areas to the bit, boxes, geometry) must be the same whichever path read the bytes. Also checks that the fast
 * path is taken for the ordinary files, so that this comparison is not vacuous.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLayerFromFeatures } from '../engine/loadLayer';
import { FlatGeometry, plainGeometry } from './flatGeometry';
import { type ImportResult, readImport } from './readAny';
import type { AreaGeometry, LayerKind } from '../types';

const ROOT = join(__dirname, '../../..');
const DIRS = ['data/demo', 'test/fixtures/e2e', 'test/fixtures/in', 'test/fixtures/bad', 'test/fixtures/import', 'test/fixtures/draw'];
const files = DIRS.flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.geojson'))
    .map((f) => join(d, f)),
);

function plainFeature(f: unknown): unknown {
  if (f === null || typeof f !== 'object') return f;
  const o = f as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = o[k];
  if ('geometry' in o) out.geometry = plainGeometry(o.geometry as AreaGeometry);
  return out;
}

function importView(r: ImportResult) {
  return {
    findings: r.findings,
    layers: r.layers.map((l) => ({ ...l, features: l.features.map(plainFeature) })),
  };
}

function kindOf(file: string): LayerKind {
  if (/permanent/.test(file)) return 'permanent-basic';
  if (/redline/.test(file)) return 'eco-redline';
  return 'cultivated';
}

describe('flat GeoJSON path = JSON.parse path', () => {
  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  let fastTaken = 0;
  for (const file of files) {
    it(file, () => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, file)));
      const slow = readImport(file, bytes, { flatGeojson: false });
      const fast = readImport(file, bytes);
      const flat = fast.layers.some((l) => l.features.some((f) => (f as { geometry?: unknown } | null)?.geometry instanceof FlatGeometry));
      if (flat) fastTaken++;
      expect(importView(fast)).toEqual(importView(slow));
      const kind = kindOf(file);
      for (let li = 0; li < slow.layers.length; li++) {
        const a = loadLayerFromFeatures(kind, file, slow.layers[li].features);
        const b = loadLayerFromFeatures(kind, file, fast.layers[li].features);
        expect(b.findings).toEqual(a.findings);
        expect(b.layer.bbox).toEqual(a.layer.bbox);
        expect(Object.is(b.layer.grossAreaM2, a.layer.grossAreaM2)).toBe(true);
        expect(b.layer.parcels.length).toBe(a.layer.parcels.length);
        for (let k = 0; k < a.layer.parcels.length; k++) {
          const pa = a.layer.parcels[k];
          const pb = b.layer.parcels[k];
          expect({ ...pb, geometry: plainGeometry(pb.geometry) }).toEqual(pa);
          expect(Object.is(pb.areaM2, pa.areaM2)).toBe(true);
        }
        // the spatial index answers the same
        expect(new Uint8Array(b.layer.index.data)).toEqual(new Uint8Array(a.layer.index.data));
      }
    });
  }

  it('reads the ordinary files the fast way (the comparison above is not vacuous)', () => {
    expect(fastTaken).toBeGreaterThanOrEqual(20);
    const demo = readImport('cultivated.geojson', new Uint8Array(readFileSync(join(ROOT, 'data/demo/cultivated.geojson'))));
    expect(demo.layers[0].features.every((f) => (f as { geometry: unknown }).geometry instanceof FlatGeometry)).toBe(true);
  });
});
