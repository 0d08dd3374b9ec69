/**
 * A layer pack (io/flatPack.ts) imports to the same layer as the GeoJSON it was written from: parcels, areas, boxes,
 * attributes, properties, fields, findings — through the whole import (read → choose → kind → validate → load).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FlatCollection, scanFlatCollection } from '../io/flatGeojson';
import { writePack } from '../io/flatPackWrite';
import { attrsOf } from '../layers/attrTable';
import { parcelProps } from '../layers/propsTable';
import type { LayerKind } from '../types';
import { importLayer } from './importLayer';

const demo = (f: string) => new Uint8Array(readFileSync(join(__dirname, '../../../data/demo', f)));

/** What a user sees of an import: every figure and row, not the objects' identities. */
async function imported(file: string, bytes: Uint8Array, kind: LayerKind) {
  const r = await importLayer(file, bytes, { kind });
  const layer = r.layer;
  return {
    blocked: r.blocked,
    kind: r.kind,
    fields: r.fields,
    featureCount: r.featureCount,
    findings: r.findings,
    bbox: layer?.bbox,
    gross: layer?.grossAreaM2,
    parcels: layer?.parcels.map((p) => ({ id: p.id, index: p.index, areaM2: p.areaM2, bbox: p.bbox, geometry: JSON.stringify(p.geometry), attrs: attrsOf(p), props: parcelProps(layer, p) })),
  };
}

describe('importLayer: a pack gives the layer its GeoJSON gives', () => {
  const files: [string, LayerKind][] = [
    ['cultivated.geojson', 'cultivated'],
    ['permanent-basic.geojson', 'permanent-basic'],
    ['dirty-cultivated.geojson', 'cultivated'],
    ['high-standard.geojson', 'high-standard'],
    ['eco-redline.geojson', 'eco-redline'],
  ];
  for (const [f, kind] of files) {
    it(f, async () => {
      const bytes = demo(f);
      const fc = scanFlatCollection(bytes) as FlatCollection;
      expect(fc, `${f} takes the flat path`).not.toBeNull();
      const pack = writePack(fc);
      // (the same file name, so the findings' messages compare as they are)
      const a = await imported(f, bytes, kind);
      const b = await imported(f, pack, kind);
      expect(a.parcels?.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
      // the properties keep their names' order too
      for (let i = 0; i < (a.parcels?.length ?? 0); i++) expect(Object.keys(b.parcels?.[i].props ?? {})).toEqual(Object.keys(a.parcels?.[i].props ?? {}));
    });
  }

  it('a damaged pack is an error naming the file and what is wrong', async () => {
    const pack = writePack(scanFlatCollection(demo('cultivated.geojson')) as FlatCollection);
    const r = await importLayer('村.fpk', pack.subarray(0, pack.length >> 1), { kind: 'cultivated' });
    expect(r.blocked).toBe(true);
    expect(r.findings[0]).toMatchObject({ severity: 'error', code: 'pack.damaged', file: '村.fpk' });
    expect(r.findings[0].message).toMatch(/^村\.fpk: 图层包（\.fpk）已损坏或不完整：.*cut off/);
  });
});
