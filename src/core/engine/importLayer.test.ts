import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImport } from '../io/readAny';
import { chooseLayer, importLayer, layerKindOf } from './importLayer';

const enc = new TextEncoder();
const square = (x: number, y: number, d = 0.001) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const fc = (props: Record<string, unknown>[], x0 = 120) =>
  enc.encode(JSON.stringify({ type: 'FeatureCollection', features: props.map((p, i) => ({ type: 'Feature', properties: p, geometry: square(x0 + i * 0.002, 30) })) }));

describe('importLayer (read → choose → kind → load)', () => {
  it('guesses the kind from the fields and loads every parcel with a default name', async () => {
    const r = await importLayer('c.geojson', fc([{ BSM: 'a', DLBM: '0101', ZLDWDM: '330102001001' }, { BSM: 'b', DLBM: '0103' }]), { kind: 'auto' });
    expect(r.blocked).toBe(false);
    expect(r.kind).toBe('cultivated');
    expect(r.layer?.parcels.map((p) => p.id)).toEqual(['a', 'b']);
    expect(r.layer?.name).toBe('耕地 · c.geojson');
    expect(r.featureCount).toBe(2);
    expect(r.fields).toEqual(expect.arrayContaining(['BSM', 'DLBM']));
  });

  it('asks for the kind when the fields do not tell it, naming the file and the fields', async () => {
    const r = await importLayer('odd.geojson', fc([{ FOO: 1 }]), { kind: 'auto' });
    expect(r).toMatchObject({ blocked: true, needsKind: true, fields: ['FOO'] });
    expect(r.findings.at(-1)).toMatchObject({ severity: 'error', code: 'import.kind', file: 'odd.geojson' });
    expect(r.findings.at(-1)?.message).toContain('FOO');
  });

  it('blocks on an error finding only when asked to', async () => {
    const bad = enc.encode(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { BSM: 'ok', DLBM: '0101' }, geometry: square(120, 30) },
      { type: 'Feature', properties: { BSM: 'bow', DLBM: '0101' }, geometry: { type: 'Polygon', coordinates: [[[120.01, 30], [120.011, 30.001], [120.011, 30], [120.01, 30.001], [120.01, 30]]] } },
    ] }));
    const lenient = await importLayer('b.geojson', bad, { kind: 'cultivated' });
    expect(lenient.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(lenient.blocked).toBe(false);
    expect(lenient.layer?.parcels.map((p) => p.id)).toEqual(['ok']);
    const strict = await importLayer('b.geojson', bad, { kind: 'cultivated', blockOnError: true });
    expect(strict.blocked).toBe(true);
    expect(strict.layer).toBeUndefined();
  });

  it('an empty or unreadable file is blocked with the reader’s finding, never thrown', async () => {
    const r = await importLayer('empty.geojson', new Uint8Array(0), { kind: 'cultivated' });
    expect(r.blocked).toBe(true);
    expect(r.findings[0]).toMatchObject({ severity: 'error', code: 'import.empty', file: 'empty.geojson' });
  });
});

describe('importLayer: a file with several tables', () => {
  const zip = zipSync({ 'a.geojson': fc([{ DLBM: '0101' }]), 'b.geojson': fc([{ HXBM: 'x' }, { HXBM: 'y' }], 121) });

  it('imports the table named, with the table in the default name and no several-layers warning', async () => {
    const r = await importLayer('two.zip', zip, { kind: 'auto', layerName: 'b' });
    expect(r.blocked).toBe(false);
    expect(r.kind).toBe('eco-redline');
    expect(r.layer?.parcels).toHaveLength(2);
    expect(r.layer?.name).toBe('生态保护红线 · two.zip#b');
    expect(r.severalTables).toBe(true);
    expect(r.findings.map((f) => f.code)).not.toContain('import.several-layers');
  });

  it('an unknown table name is an error finding listing the tables', async () => {
    const r = await importLayer('two.zip', zip, { kind: 'auto', layerName: 'zz' });
    expect(r.blocked).toBe(true);
    expect(r.findings.at(-1)).toMatchObject({ severity: 'error', code: 'import.no-layer', file: 'two.zip' });
    expect(r.findings.at(-1)?.message).toContain('a, b');
  });
});

describe('chooseLayer', () => {
  const zip = zipSync({ 'a.geojson': fc([{ DLBM: '0101' }]), 'b.geojson': fc([{ HXBM: 'x' }], 121) });
  const result = readImport('two.zip', zip);

  it('takes the first usable layer and warns that there were several', () => {
    const c = chooseLayer(result, { several: 'first-usable' });
    expect('layer' in c && c.layer?.name).toBe('a');
    expect('layer' in c && c.findings.map((f) => f.code)).toEqual(['import.several-layers']);
  });

  it('refuses several layers without a name, and an unknown name, listing the layers', () => {
    expect(chooseLayer(result, { several: 'refuse' })).toEqual({ refused: 'several', names: ['a', 'b'] });
    expect(chooseLayer(result, { name: 'zz', several: 'refuse' })).toEqual({ refused: 'unknown-name', name: 'zz', names: ['a', 'b'] });
    const byName = chooseLayer(result, { name: 'B', several: 'refuse' });
    expect('layer' in byName && byName.layer?.name).toBe('b');
  });
});

describe('layerKindOf', () => {
  it('prefers the kind asked for, else the fields', () => {
    expect(layerKindOf('eco-redline', { fields: [{ name: 'DLBM', type: 'string' }] })).toBe('eco-redline');
    expect(layerKindOf('auto', { fields: [{ name: 'YJJBNTTBBH', type: 'string' }, { name: 'DLBM', type: 'string' }] })).toBe('permanent-basic');
    expect(layerKindOf('auto', undefined)).toBeUndefined();
  });
});
