/**
 * GeoPackage and File Geodatabase through GDAL (gdal3.js in Node): the committed fixtures
 * (test/helpers/buildGdalFixtures.ts, made with ogr2ogr from test/fixtures/import) round-trip to the same
 * features, attributes and ellipsoidal areas (≤ 1e-9 relative) as the Shapefile / GeoJSON of the same data;
 * tables are listed with name, alias, count, CRS and the 三调 kind; domains are applied; curves have the area
 * of the true circle. When GDAL is installed, the fixtures are also rebuilt and read again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadGdalNode } from '../../../cli/gdalNode';
import { buildGdalFixtures, CIRCLE, DLBM_DOMAIN, GDAL_FIXTURE_DIR, HALF } from '../../../../test/helpers/buildGdalFixtures';
import { FIXTURE_DIR } from '../../../../test/helpers/buildImportFixtures';
import { geometryAreaEllipsoidal } from '../../area/ellipsoid';
import { crsFromEpsg } from '../crs';
import { type ImportLayer, type ImportResult, importErrors, readImport } from '../readAny';
import { readImportAsync } from '../readImportAsync';
import { lonLatConverter } from '../reproject';
import { unzip } from '../zip';
import { tableInfo } from '../../../worker/importInfo';

const bytesOf = (dir: string, name: string) => new Uint8Array(readFileSync(join(dir, name)));
const gpkg = () => bytesOf(GDAL_FIXTURE_DIR, 'sandiao.gpkg');
const gdbZip = () => bytesOf(GDAL_FIXTURE_DIR, 'sandiao.gdb.zip');
const shpRef = readImport('gk39-utf8.zip', bytesOf(FIXTURE_DIR, 'gk39-utf8.zip')).layers[0];
const gjRef = readImport('parcels.geojson', bytesOf(FIXTURE_DIR, 'parcels.geojson')).layers[0];

const layer = (r: ImportResult, name: string): ImportLayer => {
  const l = r.layers.find((x) => x.name === name);
  if (!l) throw new Error(`no layer ${name} in ${r.layers.map((x) => x.name).join(', ')}`);
  return l;
};
const area = (f: Feature) => geometryAreaEllipsoidal(f.geometry as Geometry);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The ellipsoidal area of a circle given in EPSG:4527, by a 100 000-gon through our own reprojection. */
function circleArea(cx: number, cy: number, r: number, from = 0, to = 2 * Math.PI, n = 100000): number {
  const conv = lonLatConverter(crsFromEpsg(4527)!);
  const ring: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const a = from + ((to - from) * i) / n;
    ring.push(conv(cx + r * Math.cos(a), cy + r * Math.sin(a)) as number[]);
  }
  ring.push(ring[0]);
  return geometryAreaEllipsoidal({ type: 'Polygon', coordinates: [ring] });
}

function checkDataset(r: ImportResult, format: 'gpkg' | 'filegdb') {
  expect(importErrors(r)).toEqual([]);
  expect(r.layers.map((l) => l.name)).toEqual(['DLTB', 'YJJBNTBHTB', 'STBHHX']);
  // the point table is named, not offered
  expect(r.findings.map((f) => f.message).join('\n')).toMatch(/XZQ_POINT/);
  const dltb = layer(r, 'DLTB');
  expect(dltb.format).toBe(format);
  expect(dltb.alias).toBe('地类图斑');
  expect(dltb.featureCount).toBe(4);
  expect(dltb.crs?.epsg).toBe(4527);
  expect(dltb.crs?.source).toBe('dataset');
  expect(dltb.encoding?.source).toBe('format');
  expect(dltb.guessedKind).toBe('cultivated');
  expect(dltb.standardTable).toBe('DLTB 地类图斑');
  expect(layer(r, 'YJJBNTBHTB').guessedKind).toBe('permanent-basic');
  expect(layer(r, 'YJJBNTBHTB').crs?.epsg).toBe(4490);
  expect(layer(r, 'STBHHX').guessedKind).toBe('eco-redline');
  expect(layer(r, 'STBHHX').alias).toBe('生态保护红线');
  // DLTB = gk39-utf8.zip: same attributes, same areas (≤ 1e-9), the two-part parcel still two parts
  expect(dltb.features.length).toBe(shpRef.features.length);
  dltb.features.forEach((f, i) => {
    const ref = shpRef.features[i];
    const { DLBM_resolved, ...own } = f.properties as Record<string, unknown>;
    expect(own).toEqual(ref.properties);
    expect(DLBM_resolved).toBe(DLBM_DOMAIN[String(ref.properties?.DLBM)]);
    expect(rel(area(f), area(ref))).toBeLessThanOrEqual(1e-9);
    const parts = (g: Geometry) => (g.type === 'MultiPolygon' ? g.coordinates.length : 1);
    expect(parts(f.geometry as Geometry)).toBe(parts(ref.geometry as Geometry));
  });
  expect(dltb.fields.find((f) => f.name === 'DLBM')?.domain).toBe('DLBM_CODES');
  expect(dltb.fields.find((f) => f.name === 'DLBM_resolved')?.resolvedFrom).toBe('DLBM');
  // YJJBNTBHTB = parcels.geojson's parcels in lon/lat
  const yj = layer(r, 'YJJBNTBHTB');
  yj.features.forEach((f, i) => {
    const ref = gjRef.features[i];
    expect(f.properties?.YJJBNTTBBH).toBe(ref.properties?.BSM);
    expect(f.properties?.YJJBNTTBMJ).toBe(ref.properties?.TBMJ);
    expect(rel(area(f), area(ref))).toBeLessThanOrEqual(1e-9);
  });
  // curves: the circle and the half-disc have the area of the true curve (arc step 0.1°: ≈ 5e-7 short)
  const [circle, half] = layer(r, 'STBHHX').features;
  expect(rel(area(circle), circleArea(CIRCLE.x, CIRCLE.y, CIRCLE.r))).toBeLessThan(2e-6);
  expect(rel(area(half), circleArea(HALF.x, HALF.y, HALF.r, 0, Math.PI))).toBeLessThan(2e-6);
  expect(circle.properties?.HXMC).toBe('圆形红线');
}

describe('GeoPackage and File Geodatabase (gdal3.js)', () => {
  it('reads the GeoPackage: tables, aliases, CRS, kinds, domains, curves, areas ≤ 1e-9 of the Shapefile/GeoJSON', async () => {
    const r = await readImportAsync('sandiao.gpkg', gpkg(), {}, [], loadGdalNode);
    checkDataset(r, 'gpkg');
    // field aliases from gpkg_data_columns.name (written with sqlite3 by buildGdalFixtures; GDAL's ogrinfo -json
    // reports them as "alias"): listed per field, and only where the file has one
    expect(layer(r, 'DLTB').fields.filter((f) => f.alias).map((f) => [f.name, f.alias])).toEqual([
      ['DLBM', '地类编码'],
      ['ZLDWMC', '坐落单位名称'],
    ]);
    expect(layer(r, 'YJJBNTBHTB').fields.some((f) => f.alias)).toBe(false);
    expect(tableInfo(layer(r, 'DLTB')).fieldAliases).toEqual({ DLBM: '地类编码', ZLDWMC: '坐落单位名称' });
  });

  it('reads the zipped File Geodatabase the same way', async () => {
    const r = await readImportAsync('sandiao.gdb.zip', gdbZip(), {}, [], loadGdalNode);
    checkDataset(r, 'filegdb');
    expect(layer(r, 'DLTB').path).toBe('sandiao.gdb.zip/sandiao.gdb/DLTB');
  });

  it('reads a zip of the folder contents only, and a bare folder (CLI)', async () => {
    const z = unzip(gdbZip(), 'x', 1 << 30);
    if (!z.ok) throw new Error(z.error);
    const flat = zipSync(Object.fromEntries(z.files.map((f) => [f.name.replace('sandiao.gdb/', ''), f.bytes])));
    checkDataset(await readImportAsync('flat.zip', flat, {}, [], loadGdalNode), 'filegdb');
    const folder = z.files.map((f) => ({ name: f.name.replace('sandiao.gdb/', ''), bytes: f.bytes }));
    checkDataset(await readImportAsync('sandiao.gdb', new Uint8Array(), {}, [], loadGdalNode, folder), 'filegdb');
  });

  it('an explicit EPSG overrides the dataset CRS (and says so)', async () => {
    const r = await readImportAsync('sandiao.gpkg', gpkg(), { epsg: 4528 }, [], loadGdalNode);
    const d = layer(r, 'DLTB');
    expect(d.crs?.source).toBe('option');
    expect(d.findings.map((f) => f.message).join('\n')).toMatch(/EPSG:4528/);
  });

  it('a CRS with no EPSG code: GDAL converts it by the dataset definition, with a warning; areas as the Shapefile', async () => {
    const r = await readImportAsync('custom-crs.gdb.zip', bytesOf(GDAL_FIXTURE_DIR, 'custom-crs.gdb.zip'), {}, [], loadGdalNode);
    expect(importErrors(r)).toEqual([]);
    const d = layer(r, 'DLTB');
    expect(d.crs?.name).toBe('Local_TM_117 → CGCS2000 (GDAL)');
    expect(d.findings.map((f) => f.message).join('\n')).toMatch(/the CRS "Local_TM_117" has no EPSG code: GDAL converted it/);
    // GDAL's (PROJ's) transverse Mercator against proj4js's: the same parcels to well under a millimetre
    d.features.forEach((f, i) => {
      expect(rel(area(f), area(shpRef.features[i]))).toBeLessThan(1e-7);
    });
  });

  it('says what is wrong with a broken or foreign file, naming it', async () => {
    const broken = gpkg().slice(0, 4096);
    const r = await readImportAsync('broken.gpkg', broken, {}, [], loadGdalNode);
    expect(importErrors(r)[0].message).toMatch(/^broken\.gpkg: /);
    const noGdal = await readImportAsync('sandiao.gpkg', gpkg());
    expect(importErrors(noGdal)[0].message).toMatch(/needs the GDAL reader/);
    expect(importErrors(readImport('sandiao.gpkg', gpkg()))[0].code).toBe('import.gdal-missing');
    const notGdb = await readImportAsync('x.gdb', new Uint8Array(), {}, [], loadGdalNode, [{ name: 'readme.txt', bytes: new Uint8Array(3) }]);
    expect(importErrors(notGdb)[0].message).toMatch(/no \.gdbtable/);
  });

  it.skipIf(!hasGdal())('rebuilds the fixtures with ogr2ogr and reads them the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdalfx-test-'));
    try {
      buildGdalFixtures(dir);
      checkDataset(await readImportAsync('sandiao.gpkg', bytesOf(dir, 'sandiao.gpkg'), {}, [], loadGdalNode), 'gpkg');
      checkDataset(await readImportAsync('sandiao.gdb.zip', bytesOf(dir, 'sandiao.gdb.zip'), {}, [], loadGdalNode), 'filegdb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function hasGdal(): boolean {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    execFileSync('sqlite3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
