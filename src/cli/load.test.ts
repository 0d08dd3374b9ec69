import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';
import { captureIO, fx } from './commands/importCli.testutil';
import { InputError, loadLayerFile, loadMapping, parseEpsg, readFeatures, resolveKind } from './load';
import { attrsOf } from '../core/layers/attrTable';

describe('readFeatures (shared by every command)', () => {
  it('honours --epsg / --encoding passed as parsed args', async () => {
    const { io } = captureIO();
    const args = parseArgs(['x', fx('bad-noprj-cm117.zip'), '--epsg', '4548']);
    const r = await readFeatures(fx('bad-noprj-cm117.zip'), io, args);
    expect(r.findings).toEqual([]);
    expect(r.features).toHaveLength(4);
    expect(r.layer?.crs?.epsg).toBe(4548);
  });
  it('FILE.zip#NAME picks a layer; an unknown name lists the names', async () => {
    const { io } = captureIO();
    const r = await readFeatures(`${fx('two-layers.zip')}#永久基本农田`, io);
    expect(r.file).toBe('two-layers.zip#永久基本农田');
    await expect(readFeatures(`${fx('two-layers.zip')}#x`, io)).rejects.toThrow(/no layer named "x" \(layers: 地类图斑, 永久基本农田\)/);
    await expect(readFeatures(fx('two-layers.zip'), io)).rejects.toThrow(UsageError);
  });
  it('a file too large for Node gets a message, not a stack trace', async () => {
    const { io } = captureIO();
    io.readFile = async () => {
      throw Object.assign(new RangeError('File size (3221225472) is greater than 2 GiB'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    };
    await expect(readFeatures('/big.zip', io)).rejects.toThrow(/file larger than 2 GB cannot be read at once/);
  });
  it('parseEpsg', () => {
    expect(parseEpsg('EPSG:4527')).toBe(4527);
    expect(parseEpsg(' 4490 ')).toBe(4490);
    expect(() => parseEpsg('zone39')).toThrow(/--epsg takes an EPSG code/);
  });
});

describe('--kind and --mapping', () => {
  it('the kind comes from --kind, else the fields, else a usage error asking for --kind', async () => {
    const { io } = captureIO({ '/k.geojson': JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { NAME: 'x' }, geometry: { type: 'Polygon', coordinates: [[[117, 36], [117.001, 36], [117.001, 36.001], [117, 36]]] } }] }) });
    const plain = await readFeatures('/k.geojson', io);
    expect(() => resolveKind(parseArgs(['x']), plain)).toThrow(/cannot tell the layer kind from its fields \(NAME\): give --kind/);
    expect(resolveKind(parseArgs(['x', '--kind', 'eco-redline']), plain)).toBe('eco-redline');
    expect(() => resolveKind(parseArgs(['x', '--kind', 'farm']), plain)).toThrow(/unknown layer kind "farm"/);
    const dltb = await readFeatures(fx('gk39-utf8.zip'), io);
    expect(resolveKind(parseArgs(['x']), dltb)).toBe('cultivated');
  });
  it('a mapping file maps non-standard field names onto attributes', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 编号: 'A-1', 地类: '0103', 村名: '北岭村' }, geometry: { type: 'Polygon', coordinates: [[[117, 36], [117.001, 36], [117.001, 36.001], [117, 36]]] } }] };
    const { io } = captureIO({ '/m.json': '\ufeff{"id":"编号","dlbm":"地类","zldwmc":"村名"}', '/f.geojson': JSON.stringify(fc), '/bad.json': '{"village":"村名"}' });
    const mapping = await loadMapping('/m.json', io);
    const loaded = await loadLayerFile('cultivated', '/f.geojson', io, {}, mapping);
    expect(attrsOf(loaded.layer.parcels[0])).toMatchObject({ id: 'A-1', dlbm: '0103', landClass: 'dry', zldwmc: '北岭村' });
    await expect(loadMapping('/bad.json', io)).rejects.toThrow(/unknown attribute "village"/);
    await expect(loadMapping('/none.json', io)).rejects.toThrow(InputError);
  });
});
