/**
 * A layer pack (io/flatPack.ts) imports to the same layer as the GeoJSON it was written from: parcels, areas, boxes,
 * attributes, properties, fields, findings — through the whole import (read → choose → kind → validate → load).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FlatCollection, scanFlatCollection } from '../io/flatGeojson';
import { writePack } from '../io/flatPackWrite';
import { readPack } from '../io/flatPackRead';
import { resolveFields } from '../layers/fields';
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

  describe('ids of a pack known to differ (a digit column that only increases): the same findings as the GeoJSON', () => {
    const sq = (i: number) => `[[[${126 + i * 0.01},46],[${126.005 + i * 0.01},46],[${126.005 + i * 0.01},46.005],[${126 + i * 0.01},46]]]`;
    const doc = (feats: { id?: string | number; props: Record<string, unknown> | null }[]) =>
      new TextEncoder().encode(
        `{"type":"FeatureCollection","features":[${feats.map((f, i) => `{"type":"Feature",${f.id !== undefined ? `"id":${JSON.stringify(f.id)},` : ''}"properties":${JSON.stringify(f.props)},"geometry":{"type":"Polygon","coordinates":${sq(i)}}}`).join(',')}]}`,
      );
    const bsm = (k: number) => `2309991012010${String(k).padStart(6, '0')}`;
    const cases: [string, { id?: string | number; props: Record<string, unknown> | null }[], boolean][] = [
      ['increasing BSM', [1, 2, 5, 9].map((k) => ({ props: { BSM: bsm(k), DLBM: '0103' } })), true],
      ['a repeated BSM', [1, 2, 2, 9].map((k) => ({ props: { BSM: bsm(k), DLBM: '0103' } })), false],
      ['a BSM that goes back', [1, 7, 3, 9].map((k) => ({ props: { BSM: bsm(k), DLBM: '0103' } })), false],
      ['a feature without BSM whose id is another’s BSM', [{ props: { BSM: bsm(1), DLBM: '0103' } }, { id: bsm(1), props: { DLBM: '0103' } }, { props: { BSM: bsm(3), DLBM: '0103' } }], false],
      ['null properties with an id', [{ props: { BSM: bsm(1) } }, { id: bsm(1), props: null }], false],
      ['ids from two fields', [{ props: { BSM: bsm(1) } }, { props: { TBBH: bsm(1) } }], false],
    ];
    for (const [name, feats, distinct] of cases)
      it(name, async () => {
        const bytes = doc(feats);
        const fc = scanFlatCollection(bytes) as FlatCollection;
        const pack = writePack(fc);
        const back = readPack(pack);
        if ('error' in back) throw new Error(back.error);
        expect(back.rows?.distinctIds((names) => resolveFields(Object.fromEntries(names.map((k) => [k, null]))).id)).toBe(distinct);
        const a = await imported('ids.geojson', bytes, 'cultivated');
        const b = await imported('ids.geojson', pack, 'cultivated');
        expect(b).toEqual(a);
        expect(a.findings.some((f) => f.code === 'id.duplicate')).toBe(!distinct && name !== 'a BSM that goes back');
      });
  });
});
