/**
 * Builds test/fixtures/import/*: the same few parcels (中文 attributes, a hole, a two-part parcel) as lon/lat
 * GeoJSON and as zipped Shapefiles in several CRSs and encodings, plus bad inputs. Run:
 *   npx tsx test/helpers/buildImportFixtures.ts
 * The output is deterministic (fixed zip timestamps); test/import.test.ts checks the committed files match.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DbfFieldSpec,
  encodeGbk,
  GRS80,
  IAG75,
  KRASSOWSKY,
  type ShpRecord,
  type TmParams,
  tmForward,
  utf8,
  WGS84,
  writeDbf,
  writeShpShx,
  zipFiles,
} from './makeShapefile';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

type LonLatRing = [number, number][];
interface Parcel {
  props: Record<string, string | number>;
  /** Polygons of rings, RFC 7946 orientation (outer counter-clockwise, holes clockwise), closed. */
  polygons: LonLatRing[][];
}

const rect = (lon: number, lat: number, w: number, h: number): LonLatRing => [
  [lon, lat],
  [lon + w, lat],
  [lon + w, lat + h],
  [lon, lat + h],
  [lon, lat],
];

/** Parcels near 117.3°E 36.1°N (Shandong, 3° zone 39 / CM 117°E, UTM 50N). */
export function parcels(): Parcel[] {
  return [
    {
      props: { BSM: '370000001', DLBM: '0101', DLMC: '水田', ZLDWDM: '3701121010010000000', ZLDWMC: '王家庄村', TBMJ: 18862.31, KCXS: 0.05 },
      polygons: [
        [
          [
            [117.3012, 36.1004],
            [117.3031, 36.1002],
            [117.3035, 36.1019],
            [117.3021, 36.1026],
            [117.3009, 36.1017],
            [117.3012, 36.1004],
          ],
        ],
      ],
    },
    {
      props: { BSM: '370000002', DLBM: '0103', DLMC: '旱地', ZLDWDM: '3701121010020000000', ZLDWMC: '李家洼村', TBMJ: 45188.07, KCXS: 0.08 },
      // With a hole (a pond) in the middle.
      polygons: [[rect(117.3102, 36.1101, 0.003, 0.002), rect(117.3112, 36.1108, 0.001, 0.0006).reverse() as LonLatRing]],
    },
    {
      props: { BSM: '370000003', DLBM: '0102', DLMC: '水浇地', ZLDWDM: '3701121020030000000', ZLDWMC: '东风村民委员会（后屯）', TBMJ: 22540.5, KCXS: 0 },
      // Two parts: a MultiPolygon.
      polygons: [[rect(117.2905, 36.0902, 0.0012, 0.0008)], [rect(117.2925, 36.0905, 0.0009, 0.0011)]],
    },
    {
      props: { BSM: '370000004', DLBM: '0103', DLMC: '旱地', ZLDWDM: '3701121020040000000', ZLDWMC: '石门峪村', TBMJ: 9321.4, KCXS: 0.12 },
      polygons: [
        [
          [
            [117.3205, 36.0851],
            [117.3221, 36.0849],
            [117.3218, 36.0861],
            [117.3205, 36.0851],
          ],
        ],
      ],
    },
  ];
}

export const FIELDS: DbfFieldSpec[] = [
  { name: 'BSM', type: 'C', length: 18 },
  { name: 'DLBM', type: 'C', length: 5 },
  { name: 'DLMC', type: 'C', length: 60 },
  { name: 'ZLDWDM', type: 'C', length: 19 },
  { name: 'ZLDWMC', type: 'C', length: 100 },
  { name: 'TBMJ', type: 'N', length: 19, decimals: 2 },
  { name: 'KCXS', type: 'N', length: 6, decimals: 4 },
];

export function parcelsGeoJson(): object {
  return {
    type: 'FeatureCollection',
    features: parcels().map((p) => ({
      type: 'Feature',
      properties: p.props,
      geometry: p.polygons.length === 1 ? { type: 'Polygon', coordinates: p.polygons[0] } : { type: 'MultiPolygon', coordinates: p.polygons },
    })),
  };
}

/** Shapefile records: project every ring, and reverse it into Shapefile order (outer clockwise, holes ccw). */
export function records(project: (lon: number, lat: number) => [number, number]): ShpRecord[] {
  return parcels().map((p) => p.polygons.flatMap((poly) => poly.map((ring) => ring.map(([lon, lat]) => project(lon, lat)).reverse())));
}

const tm = (ell: { a: number; rf: number }, lon0: number, x0: number, k0 = 1): TmParams => ({ ...ell, lon0, k0, x0, y0: 0 });

// .prj texts as ArcGIS (ESRI WKT) and GDAL (OGC WKT) write them.
const ESRI_GCS_CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const PRJ = {
  gk39:
    `PROJCS["CGCS2000_3_Degree_GK_Zone_39",${ESRI_GCS_CGCS2000},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],` +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  cm117:
    'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 117E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",' +
    'SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],' +
    'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],' +
    'PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4548"]]',
  utm50:
    'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],' +
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
    'PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  xian39:
    'PROJCS["Xian_1980_3_Degree_GK_Zone_39",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],' +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  beijing117:
    'PROJCS["Beijing_1954_3_Degree_GK_CM_117E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],' +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  albers:
    'PROJCS["Asia_North_Albers_Equal_Area_Conic",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Albers"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],' +
    'PARAMETER["Central_Meridian",95.0],PARAMETER["Standard_Parallel_1",15.0],PARAMETER["Standard_Parallel_2",65.0],PARAMETER["Latitude_Of_Origin",30.0],UNIT["Meter",1.0]]',
};

interface ShapefileSpec {
  stem: string;
  proj: TmParams;
  prj?: string;
  cpg?: string;
  encoding: 'utf8' | 'gbk';
  ldid?: number;
}

export function shapefileParts(s: ShapefileSpec): Record<string, Uint8Array> {
  const { shp, shx } = writeShpShx(records((lon, lat) => tmForward(s.proj, lon, lat)));
  const enc = s.encoding === 'gbk' ? encodeGbk : utf8;
  const files: Record<string, Uint8Array> = {
    [`${s.stem}.shp`]: shp,
    [`${s.stem}.shx`]: shx,
    [`${s.stem}.dbf`]: writeDbf(FIELDS, parcels().map((p) => p.props), enc, s.ldid ?? 0),
  };
  if (s.prj !== undefined) files[`${s.stem}.prj`] = utf8(s.prj);
  if (s.cpg !== undefined) files[`${s.stem}.cpg`] = utf8(s.cpg);
  return files;
}

const GK39 = tm(GRS80, 117, 39500000);
const CM117 = tm(GRS80, 117, 500000);

/** Every fixture: file name → bytes. */
export function buildAll(): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  out['parcels.geojson'] = utf8(`${JSON.stringify(parcelsGeoJson(), null, 1)}\n`);
  // Good variants.
  out['gk39-utf8.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: GK39, prj: PRJ.gk39, cpg: 'UTF-8', encoding: 'utf8' }));
  out['cm117-gbk-cpg.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: CM117, prj: PRJ.cm117, cpg: '936', encoding: 'gbk' }));
  out['gk39-gbk-ldid.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: GK39, prj: PRJ.gk39, encoding: 'gbk', ldid: 0x4d }));
  out['gk39-gbk-detect.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: GK39, prj: PRJ.gk39, encoding: 'gbk', ldid: 0x57 }));
  out['utm50-utf8.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: tm(WGS84, 117, 500000, 0.9996), prj: PRJ.utm50, cpg: 'UTF-8', encoding: 'utf8' }));
  out['xian80-gk39.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: tm(IAG75, 117, 39500000), prj: PRJ.xian39, cpg: 'GBK', encoding: 'gbk' }));
  out['beijing54-cm117.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: tm(KRASSOWSKY, 117, 500000), prj: PRJ.beijing117, encoding: 'gbk', ldid: 0x4d }));
  // A bare .shp set (not zipped), GK zone 39, GBK with .cpg.
  for (const [name, bytes] of Object.entries(shapefileParts({ stem: 'bare/地类图斑', proj: GK39, prj: PRJ.gk39, cpg: 'GBK', encoding: 'gbk' })))
    out[name] = bytes;
  // GeoJSON in metres with a legacy crs and a BOM.
  const gj = parcelsGeoJson() as { features: { geometry: { coordinates: unknown } }[] };
  const proj = (c: unknown): unknown => (Array.isArray(c) && typeof c[0] === 'number' ? tmForward(GK39, c[0], c[1] as number) : (c as unknown[]).map(proj));
  const gjm = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4527' } }, features: gj.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: proj(f.geometry.coordinates) } })) };
  out['gk39-legacy-crs.geojson'] = utf8(`\ufeff${JSON.stringify(gjm)}\n`);
  // Bad inputs.
  const noPrj39 = shapefileParts({ stem: 'dltb', proj: GK39, cpg: 'UTF-8', encoding: 'utf8' });
  out['bad-noprj-gk39.zip'] = zipFiles(noPrj39);
  out['bad-noprj-cm117.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: CM117, cpg: 'UTF-8', encoding: 'utf8' }));
  out['bad-unsupported-prj.zip'] = zipFiles(shapefileParts({ stem: 'dltb', proj: CM117, prj: PRJ.albers, cpg: 'UTF-8', encoding: 'utf8' }));
  const good = shapefileParts({ stem: 'dltb', proj: GK39, prj: PRJ.gk39, cpg: 'UTF-8', encoding: 'utf8' });
  out['bad-truncated-shp.zip'] = zipFiles({ ...good, 'dltb.shp': good['dltb.shp'].subarray(0, good['dltb.shp'].length - 60) });
  const fewer = writeDbf(FIELDS, parcels().slice(0, 2).map((p) => p.props), utf8);
  out['bad-short-dbf.zip'] = zipFiles({ ...good, 'dltb.dbf': fewer });
  out['bad-no-shp.zip'] = zipFiles({ 'dltb.dbf': good['dltb.dbf'], 'dltb.prj': good['dltb.prj'], 'readme.txt': utf8('说明') });
  const pbf = shapefileParts({ stem: '永久基本农田', proj: GK39, prj: PRJ.gk39, cpg: 'UTF-8', encoding: 'utf8' });
  out['two-layers.zip'] = zipFiles({ ...shapefileParts({ stem: '地类图斑', proj: GK39, prj: PRJ.gk39, cpg: 'UTF-8', encoding: 'utf8' }), ...pbf });
  const z = zipFiles(good);
  out['bad-corrupt.zip'] = z.slice(0, Math.floor(z.length / 2));
  out['bad-empty.zip'] = new Uint8Array(0);
  return out;
}

const isMain = process.argv[1] !== undefined && /buildImportFixtures\.ts$/.test(process.argv[1]);
if (isMain) {
  for (const [name, bytes] of Object.entries(buildAll())) {
    const path = join(FIXTURE_DIR, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  console.log(`wrote ${Object.keys(buildAll()).length} files to ${FIXTURE_DIR}`);
}
