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
