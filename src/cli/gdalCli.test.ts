/**
 * The CLI on GeoPackage and File Geodatabase (gdal3.js in Node): `info` lists every polygon table with alias,
 * count, CRS and kind; a zipped .gdb, a bare .gdb folder and a .gpkg give the same 耕地 area as the Shapefile of
 * the same data; FILE#TABLE picks a table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GDAL_FIXTURE_DIR } from '../../test/helpers/buildGdalFixtures';
import { unzip } from '../core/io/zip';
import { captureIO, fx } from './commands/importCli.testutil';
import { runCli } from './main';

const gpkg = join(GDAL_FIXTURE_DIR, 'sandiao.gpkg');
const gdbZip = join(GDAL_FIXTURE_DIR, 'sandiao.gdb.zip');

async function areaJson(spec: string): Promise<unknown> {
  const { io, out } = captureIO();
  const code = await runCli(['area', spec, '--json'], io);
  expect(out.stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out.stdout);
}

describe('farmland CLI on GeoPackage / File Geodatabase', () => {
  it('info lists tables with alias, count, CRS and the 三调 kind', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['info', gpkg], io)).toBe(0);
    expect(out.stdout).toContain('sandiao.gpkg: 3 个图层');
    expect(out.stdout).toContain('图层 layer: DLTB 「地类图斑」 (gpkg MultiPolygon, sandiao.gpkg/DLTB)');
    expect(out.stdout).toContain('标准表 standard table: STBHHX 生态保护红线');
    expect(out.stdout).toContain('坐标系 CRS: EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39 — 2000国家大地坐标系 [数据库自带 / from the GeoPackage or FileGDB]');
    // the field alias the GeoPackage carries (gpkg_data_columns.name) is listed too
    expect(out.stdout).toMatch(/DLBM\s+string\s+地类编码\s+「地类编码」\s+值域 domain DLBM_CODES/);
    expect(out.stdout).toMatch(/ZLDWMC\s+string\s+坐落单位名称\s+「坐落单位名称」/);
    expect(out.stdout).toContain('图层类型 kind: eco-redline (生态保护红线)');
    expect(out.stderr).toContain('XZQ_POINT');
  });

  it('the same areas from .gpkg, zipped .gdb, a bare .gdb folder and the Shapefile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdbcli-'));
    try {
      const z = unzip(new Uint8Array(readFileSync(gdbZip)), 'x', 1 << 30);
      if (!z.ok) throw new Error(z.error);
      for (const f of z.files) {
        mkdirSync(join(dir, 'sandiao.gdb'), { recursive: true });
        writeFileSync(join(dir, f.name), f.bytes);
      }
      const ref = await areaJson(fx('gk39-utf8.zip'));
      for (const spec of [`${gpkg}#DLTB`, `${gdbZip}#DLTB`, `${join(dir, 'sandiao.gdb')}#DLTB`]) {
        const j = (await areaJson(spec)) as { features: { area_m2: number }[] };
        const r = ref as { features: { area_m2: number }[] };
        expect(j.features.length).toBe(r.features.length);
        j.features.forEach((f, i) => {
          expect(Math.abs(f.area_m2 - r.features[i].area_m2) / r.features[i].area_m2).toBeLessThanOrEqual(1e-9);
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('several tables and no #TABLE: the names are listed', async () => {
    const { io, out } = captureIO();
    expect(await runCli(['area', gpkg], io)).toBe(2);
    expect(out.stderr).toMatch(/DLTB, YJJBNTBHTB, STBHHX/);
  });
});
