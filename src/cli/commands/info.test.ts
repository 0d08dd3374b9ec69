import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { captureIO, fx } from './importCli.testutil';

describe('farmland info', () => {
  it('prints CRS, encoding and how it was decided, count, bboxes, fields with 中文 labels, kind', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['info', fx('gk39-gbk-detect.zip')], io)).toBe(0);
    expect(out.stdout).toContain('EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39 — 2000国家大地坐标系 [.prj]');
    expect(out.stdout).toMatch(/编码 encoding: gbk \[自动识别 \/ detected: .*ANSI.*by content scoring chose GBK \(Simplified Chinese\).*\]/);
    expect(out.stdout).toContain('要素 features: 4');
    expect(out.stdout).toContain('范围 bbox (lon/lat): 117.2905, 36.0849, 117.3221, 36.1121');
    expect(out.stdout).toMatch(/范围 bbox \(native\): 395261\d\d\.\d+, 3995011\.\d+/);
    expect(out.stdout).toMatch(/ZLDWMC\s+C\(100\)\s+坐落单位名称/);
    expect(out.stdout).toContain('图层类型 kind: cultivated (耕地)');
    expect(out.stderr).toMatch(/^警告 warning: .*by content scoring chose GBK \(Simplified Chinese\).*\(--encoding NAME\)\n$/);
  });

  it('--json', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['info', fx('cm117-gbk-cpg.zip'), '--json'], io)).toBe(0);
    const j = JSON.parse(out.stdout);
    expect(j.layers[0]).toMatchObject({
      name: 'dltb',
      feature_count: 4,
      crs: { epsg: 4548, source: 'prj' },
      encoding: { encoding: 'gbk', source: 'cpg', detail: '.cpg: 936' },
      guessed_kind: 'cultivated',
    });
    expect(j.layers[0].fields.find((f: { name: string }) => f.name === 'TBMJ')).toEqual({ name: 'TBMJ', type: 'N', length: 19, decimals: 2, label_zh: '图斑面积' });
    expect(j.layers[0].bbox[0]).toBeCloseTo(117.2905, 7);
  });

  it('lists both layers of a two-shapefile zip', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['info', fx('two-layers.zip')], io)).toBe(0);
    expect(out.stdout).toContain('2 个图层');
    expect(out.stdout).toContain('图层 layer: 地类图斑');
    expect(out.stdout).toContain('图层 layer: 永久基本农田');
  });

  it('shows what it can of a file without .prj, lists candidate codes, exits 2; --epsg fixes it', async () => {
    const bad = captureIO();
    expect(await runCli(['info', fx('bad-noprj-cm117.zip')], bad.io)).toBe(2);
    expect(bad.out.stdout).toContain('坐标系 CRS: 未知 / unknown');
    expect(bad.out.stdout).toContain('要素 features: 4');
    expect(bad.out.stderr).toMatch(/错误 error: .*EPSG:4548/);
    const good = captureIO();
    expect(await runCli(['info', fx('bad-noprj-cm117.zip'), '--epsg', 'EPSG:4548'], good.io)).toBe(0);
    expect(good.out.stdout).toContain('EPSG:4548 CGCS2000 / 3-degree Gauss-Kruger CM 117E — 2000国家大地坐标系 [命令行指定 / --epsg]');
  });

  it("Xi'an 80: a warning on stderr, exit 0", async () => {
    const { io, out } = captureIO();
    expect(await runCli(['info', fx('xian80-gk39.zip')], io)).toBe(0);
    expect(out.stdout).toContain('EPSG:2363 Xian 1980 / 3-degree Gauss-Kruger zone 39 — 1980西安坐标系');
    expect(out.stderr).toMatch(/警告 warning: .*datum shift to CGCS2000 unknown/);
  });

  it('a missing file, a bad --epsg value, no FILE', async () => {
    const a = captureIO();
    expect(await runCli(['info', '/nope/x.zip'], a.io)).toBe(2);
    expect(a.out.stderr).toMatch(/no such file/);
    const b = captureIO();
    expect(await runCli(['info', fx('gk39-utf8.zip'), '--epsg', 'CGCS2000'], b.io)).toBe(2);
    expect(b.out.stderr).toMatch(/--epsg takes an EPSG code such as 4527/);
    const c = captureIO();
    expect(await runCli(['info'], c.io)).toBe(2);
  });
});
