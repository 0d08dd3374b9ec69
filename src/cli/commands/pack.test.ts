import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../core/io/readAny';
import { runCli } from '../main';
import { captureIO, fx } from './importCli.testutil';

/** captureIO, keeping written files as bytes (a pack is binary). */
function bytesIO() {
  const c = captureIO();
  const files = new Map<string, Uint8Array | string>();
  c.io.writeFile = async (p, d) => {
    files.set(p, d);
  };
  return { ...c, files };
}

const plain = (f: unknown) => JSON.parse(JSON.stringify(f));

describe('farmland pack', () => {
  it('a GBK Shapefile in a GK zone → a pack that reads back as the features the import gives', async () => {
    const { io, out, files } = bytesIO();
    expect(await runCli(['pack', fx('gk39-gbk-detect.zip'), '-o', '/tmp/dltb.fpk'], io)).toBe(0);
    expect(out.stderr).toMatch(/gk39-gbk-detect\.zip: 4 features → \/tmp\/dltb\.fpk \(0\.0 MB\)\n$/);
    const pack = files.get('/tmp/dltb.fpk') as Uint8Array;
    expect(pack).toBeInstanceOf(Uint8Array);
    const fromZip = readImport('gk39-gbk-detect.zip', new Uint8Array(await io.readFile(fx('gk39-gbk-detect.zip')))).layers[0];
    const fromPack = readImport('dltb.fpk', pack).layers[0];
    expect(fromPack.findings).toEqual([]);
    expect(fromPack.features.map(plain)).toEqual(fromZip.features.map(plain));
    expect(JSON.stringify(fromPack.features)).toContain('王家庄村');
    expect(fromPack.fields.map((f) => f.name)).toEqual(fromZip.fields.map((f) => f.name));
  });

  it('--manifest packs every layer beside its file and writes a manifest naming the packs', async () => {
    const { io, out, files } = bytesIO();
    const dir = join(__dirname, '../../../data/demo');
    expect(await runCli(['pack', '--manifest', join(dir, 'manifest.json')], io)).toBe(0);
    const m = JSON.parse(files.get(join(dir, 'manifest-pack.json')) as string) as { layers: { file: string; kind: string }[] };
    expect(m.layers.length).toBeGreaterThan(3);
    for (const l of m.layers) {
      expect(l.file).toMatch(/\.fpk$/);
      expect(files.get(join(dir, l.file))).toBeInstanceOf(Uint8Array);
    }
    expect(out.stderr).toContain(`layers packed → ${join(dir, 'manifest-pack.json')}`);
    // elsewhere, its relative paths would point nowhere
    const other = bytesIO();
    expect(await runCli(['pack', '--manifest', join(dir, 'manifest.json'), '-o', '/tmp/m.json'], other.io)).toBe(2);
    expect(other.out.stderr).toContain('beside the manifest it copies');
  });

  it('refuses a layer it cannot pack, naming the feature', async () => {
    const points = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]] } }, { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116, 40] } }] });
    const c = captureIO({ '/tmp/p.geojson': points });
    expect(await runCli(['pack', '/tmp/p.geojson'], c.io)).toBe(1);
    expect(c.out.stderr).toContain('/tmp/p.geojson: 无法打包 / cannot be packed: feature 2: its geometry is Point: a pack holds Polygons and MultiPolygons');
    expect(c.out.written.size).toBe(0);
  });

  it('needs a FILE or --manifest', async () => {
    const c = captureIO();
    expect(await runCli(['pack'], c.io)).toBe(2);
    expect(c.out.stderr).toContain('pack needs a FILE or --manifest');
  });
});
