/**
 * Builds test/fixtures/gdal/*: a GeoPackage and a zipped File Geodatabase holding the same parcels as
 * test/fixtures/import (parcels.geojson / gk39-utf8.zip), made with GDAL's own ogr2ogr so the files are what real
 * tools write. Needs gdal-bin (ogr2ogr) and sqlite3; the tests read the committed files and never need GDAL. Run:
 *   npx tsx test/helpers/buildGdalFixtures.ts
 *
 * Layers (both files):
 *   DLTB        地类图斑 — the 4 parcels of gk39-utf8.zip (CGCS2000 3° GK zone 39, EPSG:4527; a hole and a two-part
 *               parcel), DLBM carrying a coded-value domain DLBM_CODES (0101 → 水田 …)
 *   YJJBNTBHTB  永久基本农田 — parcels.geojson's parcels in lon/lat (EPSG:4490) with YJJBNTTBBH / YJJBNTTBMJ
 *   STBHHX      生态保护红线 — curves in EPSG:4527: a full circle (r = 50 m) and a half-disc closed by a chord
 *   XZQ_POINT   a point table: not a polygon layer, so it is not offered
 * and custom-crs.gdb.zip: DLTB alone, its CRS an ESRI definition with no EPSG code (GK zone 39 renamed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { zipFiles } from './makeShapefile';

const HERE = dirname(fileURLToPath(import.meta.url));
export const GDAL_FIXTURE_DIR = join(HERE, '..', 'fixtures', 'gdal');
const IMPORT_DIR = join(HERE, '..', 'fixtures', 'import');

/** Circle centre and radius of the STBHHX curve layer (EPSG:4527 metres). */
export const CIRCLE = { x: 39527800, y: 3996000, r: 50 };
/** Half-disc: the chord from (x − r, y) to (x + r, y), the arc above it. */
export const HALF = { x: 39528000, y: 3996300, r: 40 };

export const DLBM_DOMAIN: Record<string, string> = { '0101': '水田', '0102': '水浇地', '0103': '旱地', '0201': '果园', '0301': '乔木林地' };

const CUSTOM_PRJ =
  'PROJCS["Local_TM_117",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",39500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const ogr = (args: string[]) => execFileSync('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'inherit'] });

export function buildGdalFixtures(outDir = GDAL_FIXTURE_DIR): void {
  const tmp = mkdtempSync(join(tmpdir(), 'gdalfx-'));
  try {
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(join(IMPORT_DIR, 'gk39-utf8.zip'))))) writeFileSync(join(tmp, name), bytes);
    const gpkg = join(tmp, 'sandiao.gpkg');
    ogr(['-f', 'GPKG', gpkg, join(tmp, 'dltb.shp'), '-nln', 'DLTB', '-nlt', 'MULTIPOLYGON', '-lco', 'IDENTIFIER=地类图斑']);
    ogr([
      '-update', gpkg, join(IMPORT_DIR, 'parcels.geojson'), '-nln', 'YJJBNTBHTB', '-nlt', 'MULTIPOLYGON', '-a_srs', 'EPSG:4490',
      '-lco', 'IDENTIFIER=永久基本农田保护图斑',
      '-sql', 'SELECT BSM AS YJJBNTTBBH, DLBM, ZLDWDM, TBMJ AS YJJBNTTBMJ FROM parcels',
    ]);
    const { x, y, r } = CIRCLE;
    const h = HALF;
    const csv = [
      'WKT,HXBM,HXMC',
      `"CURVEPOLYGON(CIRCULARSTRING(${x - r} ${y},${x + r} ${y},${x - r} ${y}))",HX001,圆形红线`,
      `"CURVEPOLYGON(COMPOUNDCURVE(CIRCULARSTRING(${h.x + h.r} ${h.y},${h.x} ${h.y + h.r},${h.x - h.r} ${h.y}),(${h.x - h.r} ${h.y},${h.x + h.r} ${h.y})))",HX002,半圆红线`,
    ].join('\n');
    writeFileSync(join(tmp, 'curves.csv'), `${csv}\n`);
    ogr(['-update', gpkg, join(tmp, 'curves.csv'), '-nln', 'STBHHX', '-a_srs', 'EPSG:4527', '-nlt', 'CURVEPOLYGON', '-lco', 'IDENTIFIER=生态保护红线', '-oo', 'GEOM_POSSIBLE_NAMES=WKT', '-oo', 'KEEP_GEOM_COLUMNS=NO']);
    writeFileSync(join(tmp, 'pts.csv'), 'WKT,XZQDM\n"POINT(39527000 3996000)",370112\n');
    ogr(['-update', gpkg, join(tmp, 'pts.csv'), '-nln', 'XZQ_POINT', '-nlt', 'POINT', '-a_srs', 'EPSG:4527', '-oo', 'GEOM_POSSIBLE_NAMES=WKT', '-oo', 'KEEP_GEOM_COLUMNS=NO']);
    // the coded-value domain on DLTB.DLBM (GeoPackage schema extension, as GDAL reads it)
    const values = Object.entries(DLBM_DOMAIN)
      .map(([c, d]) => `('DLBM_CODES','enum','${c}',NULL,NULL,NULL,NULL,'${d}')`)
      .join(',');
    const sql = `
      CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name));
      CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT, CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
      INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write'), ('gpkg_data_column_constraints', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write');
      INSERT INTO gpkg_data_column_constraints VALUES ${values};
      INSERT INTO gpkg_data_columns (table_name, column_name, name, title, constraint_name) VALUES ('DLTB', 'DLBM', '地类编码', '地类编码', 'DLBM_CODES'), ('DLTB', 'ZLDWMC', '坐落单位名称', '坐落单位名称', NULL);
    `;
    execFileSync('sqlite3', [gpkg], { input: sql });
    // File Geodatabase: one layer at a time (alias per layer), a fine coordinate grid so areas survive to 1e-9
    const gdb = join(tmp, 'sandiao.gdb');
    const grid = ['-lco', 'XORIGIN=39000000', '-lco', 'YORIGIN=3000000', '-lco', 'XYSCALE=1000000000', '-lco', 'XYTOLERANCE=0.000000001'];
    const gridDeg = ['-lco', 'XORIGIN=100', '-lco', 'YORIGIN=20', '-lco', 'XYSCALE=100000000000000', '-lco', 'XYTOLERANCE=0.00000000000001'];
    const layers: [string, string, string[]][] = [
      ['DLTB', '地类图斑', grid],
      ['YJJBNTBHTB', '永久基本农田保护图斑', gridDeg],
      ['STBHHX', '生态保护红线', grid],
      ['XZQ_POINT', '行政区点', grid],
    ];
    layers.forEach(([name, alias, g], i) => {
      ogr([...(i ? ['-update'] : []), '-f', 'OpenFileGDB', gdb, gpkg, name, '-lco', `LAYER_ALIAS=${alias}`, ...g]);
    });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'sandiao.gpkg'), readFileSync(gpkg));
    const files: Record<string, Uint8Array> = {};
    for (const f of readdirSync(gdb).sort()) files[`sandiao.gdb/${f}`] = readFileSync(join(gdb, f));
    writeFileSync(join(outDir, 'sandiao.gdb.zip'), zipFiles(files));
    // a CRS without an EPSG code: the same TM zone under a local name
    writeFileSync(join(tmp, 'dltb.prj'), CUSTOM_PRJ);
    const custom = join(tmp, 'custom-crs.gdb');
    ogr(['-f', 'OpenFileGDB', custom, join(tmp, 'dltb.shp'), '-nln', 'DLTB', ...grid]);
    const cfiles: Record<string, Uint8Array> = {};
    for (const f of readdirSync(custom).sort()) cfiles[`custom-crs.gdb/${f}`] = readFileSync(join(custom, f));
    writeFileSync(join(outDir, 'custom-crs.gdb.zip'), zipFiles(cfiles));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildGdalFixtures();
