import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { captureIO, fx } from './importCli.testutil';

const reference = JSON.parse(readFileSync(fx('parcels.geojson'), 'utf8')).features;

function expectReference(fc: { type: string; features: { properties: unknown; geometry: { coordinates: unknown } }[] }): void {
  expect(fc.type).toBe('FeatureCollection');
  expect(fc.features.map((f) => f.properties)).toEqual(reference.map((f: { properties: unknown }) => f.properties));
  const flat = (c: unknown): number[] => (Array.isArray(c) ? c.flatMap(flat) : [c as number]);
  fc.features.forEach((f, i) => {
    const a = flat(f.geometry.coordinates);
    const b = flat(reference[i].geometry.coordinates);
    expect(a.length).toBe(b.length);
    for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-7);
  });
}

describe('farmland convert', () => {
  it('GBK Shapefile in a GK zone → lon/lat GeoJSON on stdout, 中文 intact', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['convert', fx('gk39-gbk-detect.zip'), '--to', 'geojson'], io)).toBe(0);
    expect(out.stdout).toContain('王家庄村');
    expectReference(JSON.parse(out.stdout));
    // the only note: the encoding was chosen by content (no .cpg, "ANSI" language byte), and how to override it
    expect(out.stderr).toMatch(/^警告 warning: gk39-gbk-detect\.zip\/dltb\.shp: 属性编码不确定.*by content scoring chose GBK \(Simplified Chinese\).*give the encoding \(--encoding NAME\)\n$/);
  });

  it('-o OUT writes the file and says what it did', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['convert', fx('utm50-utf8.zip'), '-o', '/tmp/out.geojson'], io)).toBe(0);
    expectReference(JSON.parse(out.written.get('/tmp/out.geojson') as string));
    expect(out.stderr).toContain('4 features → /tmp/out.geojson (EPSG:32650 → lon/lat, utf-8)');
    expect(out.stdout).toBe('');
  });

  it('--epsg for a file without .prj; without it, exit 2 and the candidate codes', async () => {
    const bad = captureIO();
    expect(await runCli(['convert', fx('bad-noprj-gk39.zip')], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/EPSG:4527/);
    expect(bad.out.stdout).toBe('');
    const good = captureIO();
    expect(await runCli(['convert', fx('bad-noprj-gk39.zip'), '--epsg', '4527'], good.io)).toBe(0);
    expectReference(JSON.parse(good.out.stdout));
  });

  it('--encoding overrides detection (and warns when the bytes do not fit)', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['convert', fx('gk39-gbk-detect.zip'), '--encoding', 'utf-8'], io)).toBe(0);
    expect(out.stderr).toMatch(/invalid bytes for the given encoding utf-8/);
    expect(out.stdout).not.toContain('王家庄村');
    const ok = captureIO();
    expect(await runCli(['convert', fx('gk39-gbk-detect.zip'), '--encoding', 'GB18030'], ok.io)).toBe(0);
    expect(ok.out.stdout).toContain('王家庄村');
  });

  it('two layers: without --layer an error listing the names; with --layer the chosen one', async () => {
    const a = captureIO();
    expect(await runCli(['convert', fx('two-layers.zip')], a.io)).toBe(2);
    expect(a.out.stderr).toMatch(/holds 2 layers: 地类图斑, 永久基本农田 — .*--layer NAME/);
    const b = captureIO();
    expect(await runCli(['convert', fx('two-layers.zip'), '--layer', '永久基本农田'], b.io)).toBe(0);
    expect(JSON.parse(b.out.stdout).name).toBe('永久基本农田');
    const c = captureIO();
    expect(await runCli(['convert', fx('two-layers.zip'), '--layer', 'nope'], c.io)).toBe(2);
    expect(c.out.stderr).toMatch(/no layer named "nope" \(layers: 地类图斑, 永久基本农田\)/);
  });

  it('bad inputs: truncated .shp, short .dbf, corrupt zip, empty file, --to other', async () => {
    for (const [file, re] of [
      ['bad-truncated-shp.zip', /\.shp truncated/],
      ['bad-short-dbf.zip', /\.dbf has 2 records, fewer than the 4 shapes/],
      ['bad-corrupt.zip', /corrupt zip archive/],
      ['bad-empty.zip', /empty file/],
      ['bad-no-shp.zip', /no \.shp/],
      ['bad-unsupported-prj.zip', /unsupported coordinate system "Asia_North_Albers_Equal_Area_Conic"/],
    ] as const) {
      const { io, out } = captureIO();
      expect(await runCli(['convert', fx(file)], io), file).toBe(2);
      expect(out.stderr, file).toMatch(re);
      expect(out.stdout, file).toBe('');
    }
    const { io, out } = captureIO();
    expect(await runCli(['convert', fx('gk39-utf8.zip'), '--to', 'kml'], io)).toBe(2);
    expect(out.stderr).toMatch(/--to supports only geojson/);
  });

  it('a bare .shp reads its sibling .dbf/.prj/.cpg', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['convert', fx('bare/地类图斑.shp')], io)).toBe(0);
    expectReference(JSON.parse(out.stdout));
  });
});

describe('other commands take a .zip wherever they take a .geojson', () => {
  it('farmland area on a zip, and on FILE.zip#NAME', async () => {
    const gj = captureIO();
    expect(await runCli(['area', fx('parcels.geojson'), '--json'], gj.io)).toBe(0);
    const z = captureIO();
    expect(await runCli(['area', fx('cm117-gbk-cpg.zip'), '--json'], z.io)).toBe(0);
    const n = captureIO();
    expect(await runCli(['area', `${fx('two-layers.zip')}#地类图斑`, '--json'], n.io)).toBe(0);
    const ref = JSON.parse(gj.out.stdout).total_m2;
    expect(Math.abs(JSON.parse(z.out.stdout).total_m2 - ref) / ref).toBeLessThan(1e-6);
    expect(Math.abs(JSON.parse(n.out.stdout).total_m2 - ref) / ref).toBeLessThan(1e-6);
  });
});
