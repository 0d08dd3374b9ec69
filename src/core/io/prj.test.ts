import { describe, expect, it } from 'vitest';
import { PRJ } from '../../../test/helpers/buildImportFixtures';
import { parseWkt, readPrj } from './prj';

describe('readPrj', () => {
  it('ESRI WKT CGCS2000_3_Degree_GK_Zone_39 → EPSG:4527', () => {
    const r = readPrj(PRJ.gk39);
    expect(r.ok && r.crs).toMatchObject({ epsg: 4527, kind: 'tmerc', datum: 'cgcs2000', lon0: 117, x0: 39500000, k0: 1 });
    expect(r.prjName).toBe('CGCS2000_3_Degree_GK_Zone_39');
  });
  it('OGC WKT (GDAL) CM 117E → 4548; UTM 50N → 32650', () => {
    expect(readPrj(PRJ.cm117)).toMatchObject({ ok: true, crs: { epsg: 4548 } });
    expect(readPrj(PRJ.utm50)).toMatchObject({ ok: true, crs: { epsg: 32650, datum: 'wgs84', k0: 0.9996 } });
  });
  it("Xi'an 80 and Beijing 54 GK as the .prj says", () => {
    expect(readPrj(PRJ.xian39)).toMatchObject({ ok: true, crs: { epsg: 2363, datum: 'xian80', ellipsoid: { a: 6378140 } } });
    expect(readPrj(PRJ.beijing117)).toMatchObject({ ok: true, crs: { epsg: 2436, datum: 'beijing54' } });
  });
  it('a TOWGS84 in the .prj is kept (and the result has no EPSG code: it is not the plain CRS)', () => {
    const wkt = PRJ.beijing117.replace('SPHEROID["Krasovsky_1940",6378245.0,298.3]]', 'SPHEROID["Krasovsky_1940",6378245.0,298.3],TOWGS84[15.8,-154.4,-82.3,0,0,0,0]]');
    const r = readPrj(wkt);
    expect(r.ok && r.crs.towgs84).toEqual([15.8, -154.4, -82.3, 0, 0, 0, 0]);
    expect(r.ok && r.crs.epsg).toBeUndefined();
  });
  it('6-degree names pick the 6° code; GEOGCS alone is geographic', () => {
    const six = PRJ.cm117.replace('CGCS2000 / 3-degree Gauss-Kruger CM 117E', 'CGCS2000 / Gauss-Kruger CM 117E');
    expect(readPrj(six)).toMatchObject({ ok: true, crs: { epsg: 4509 } });
    const geo = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(readPrj(geo)).toMatchObject({ ok: true, crs: { epsg: 4490, kind: 'geographic' } });
  });
  it('WKT2 (PROJCRS / BASEGEOGCRS / CONVERSION)', () => {
    const wkt2 =
      'PROJCRS["Beijing 1954 / 3-degree Gauss-Kruger zone 45",BASEGEOGCRS["Beijing 1954",DATUM["Beijing 1954",ELLIPSOID["Krassowsky 1940",6378245,298.3,LENGTHUNIT["metre",1]]],' +
      'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4214]],CONVERSION["3-degree Gauss-Kruger zone 45",METHOD["Transverse Mercator",ID["EPSG",9807]],' +
      'PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",135,ANGLEUNIT["degree",0.0174532925199433]],' +
      'PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1]],PARAMETER["False easting",45500000,LENGTHUNIT["metre",1]],PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],' +
      'CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],ID["EPSG",2421]]';
    expect(readPrj(wkt2)).toMatchObject({ ok: true, crs: { epsg: 2421, lon0: 135, x0: 45500000 } });
  });
  it('a custom central meridian is read (no EPSG code) rather than refused', () => {
    const r = readPrj(PRJ.gk39.replace('PARAMETER["Central_Meridian",117.0]', 'PARAMETER["Central_Meridian",117.5]').replace('39500000.0', '500000.0'));
    expect(r.ok && r.crs).toMatchObject({ lon0: 117.5, x0: 500000 });
    expect(r.ok && r.crs.epsg).toBeUndefined();
  });
  it('a .prj holding just "EPSG:4527"', () => {
    expect(readPrj('EPSG:4527\n')).toMatchObject({ ok: true, crs: { epsg: 4527 } });
    expect(readPrj('EPSG:3395')).toMatchObject({ ok: false, reason: expect.stringMatching(/EPSG:3395 is not supported/) });
  });
  it('unsupported: projection, datum, mismatched ellipsoid, not WKT', () => {
    expect(readPrj(PRJ.albers)).toMatchObject({ ok: false, prjName: 'Asia_North_Albers_Equal_Area_Conic', reason: expect.stringMatching(/unsupported projection "Albers"/) });
    const tokyo = 'GEOGCS["GCS_Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(readPrj(tokyo)).toMatchObject({ ok: false, reason: expect.stringMatching(/unsupported datum "D_Tokyo"/) });
    const bad = PRJ.gk39.replace('6378137.0,298.257222101', '6378245.0,298.3');
    expect(readPrj(bad)).toMatchObject({ ok: false, reason: expect.stringMatching(/expected CGCS2000/) });
    expect(readPrj('hello')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a WKT/) });
    expect(parseWkt('PROJCS["a",GEOGCS["b"')).toBeUndefined();
  });
});

/** ESRI WKT (and one OGC WKT1) as GDAL writes them for European grids (gdalsrsinfo EPSG:n -o wkt_esri). */
const EUROPE: Record<number, string> = {
  28992: 'PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.1561605555556],UNIT["Meter",1.0]]',
  25832: 'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  3006: 'PROJCS["SWEREF99_TM",GEOGCS["GCS_SWEREF99",DATUM["D_SWEREF99",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  2154: 'PROJCS["RGF_1993_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]',
  31467: 'PROJCS["DHDN_3_Degree_Gauss_Zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  4258: 'GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  31370: 'PROJCS["BD72/BelgianLambert72",GEOGCS["BD72",DATUM["Reseau_National_Belge_1972",SPHEROID["International1924",6378388,297,AUTHORITY["EPSG","7022"]],AUTHORITY["EPSG","6313"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4313"]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",90],PARAMETER["central_meridian",4.36748666666667],PARAMETER["standard_parallel_1",51.1666672333333],PARAMETER["standard_parallel_2",49.8333339],PARAMETER["false_easting",150000.013],PARAMETER["false_northing",5400088.438],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","31370"]]',
  41000: 'PROJCS["Finland_Zone_3",GEOGCS["GCS_KKJ",DATUM["D_KKJ",SPHEROID["International_1924",6378388.0,297.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",27.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
};

describe('ETRS89 / GRS80 and national European grids (issue 16 §5)', () => {
  it('read from .prj to the right EPSG code', () => {
    const want: Record<number, number> = { 28992: 28992, 25832: 25832, 3006: 3006, 2154: 2154, 31467: 31467, 4258: 4258, 31370: 31370 };
    for (const [k, code] of Object.entries(want)) {
      const r = readPrj(EUROPE[Number(k)]);
      expect(r.ok && r.crs.epsg, `EPSG:${k}`).toBe(code);
    }
    expect(readPrj(EUROPE[3006])).toMatchObject({ ok: true, crs: { name: 'SWEREF99 TM' } });
  });
  it('anything else says clearly what is not supported', () => {
    expect(readPrj(EUROPE[41000])).toEqual({ ok: false, prjName: 'Finland_Zone_3', reason: '不支持的大地基准 D_KKJ / unsupported datum "D_KKJ"' });
  });
});
