import { describe, expect, it } from 'vitest';
import type { BBox, Finding } from '../types';
import { crsFromEpsg } from './crs';
import { crsInfo, crsMismatch, resolveCrs } from './resolveCrs';

const LONLAT: BBox = [116.3, 39.9, 116.4, 40];
// Gauss-Krüger 3° zone 39 (CM 117°E) with the zone number in the easting: 39 500 000 m, northing ~4 400 000 m.
const GK39: BBox = [39_500_000, 4_400_000, 39_501_000, 4_401_000];

describe('resolveCrs', () => {
  it('an explicit EPSG option wins over the file and says it overrode it', () => {
    const findings: Finding[] = [];
    const def = resolveCrs('a.shp', findings, { epsg: 4527 }, { def: crsFromEpsg(4490), source: 'prj', label: 'GCS_China_2000' }, GK39, '.prj');
    expect(def?.epsg).toBe(4527);
    expect(findings.map((f) => f.code)).toEqual(['import.crs-override']);
    expect(findings[0].message).toContain('GCS_China_2000');
  });

  it('an unsupported option or an unsupported definition in the file is an error and no CRS', () => {
    const a: Finding[] = [];
    expect(resolveCrs('a.shp', a, { epsg: 99999 }, undefined, LONLAT, '.prj')).toBeUndefined();
    expect(a.map((f) => [f.severity, f.code])).toEqual([['error', 'import.epsg-unsupported']]);
    const b: Finding[] = [];
    expect(resolveCrs('a.shp', b, {}, { error: 'nope' }, LONLAT, '.prj')).toBeUndefined();
    expect(b.map((f) => [f.code, f.message])).toEqual([['import.crs-unsupported', 'a.shp: nope']]);
  });

  it('lon/lat without a definition: CGCS2000 with a warning, or plain WGS 84 where that is the standard (GeoJSON)', () => {
    const shp: Finding[] = [];
    expect(resolveCrs('a.shp', shp, {}, undefined, LONLAT, '.prj')?.epsg).toBe(4490);
    expect(shp.map((f) => [f.severity, f.code])).toEqual([['warning', 'import.crs-assumed']]);
    const gj: Finding[] = [];
    expect(resolveCrs('a.geojson', gj, {}, undefined, LONLAT, 'crs', true)?.epsg).toBe(4326);
    expect(gj).toEqual([]);
  });

  it('metres without a definition: an error naming the candidate codes and the caller’s advice', () => {
    const findings: Finding[] = [];
    expect(resolveCrs('a.shp', findings, { advice: { crs: '--epsg CODE' } }, undefined, GK39, '.prj')).toBeUndefined();
    expect(findings.map((f) => f.code)).toEqual(['import.crs-missing']);
    expect(findings[0].message).toContain('EPSG:4527');
    expect(findings[0].message).toContain('--epsg CODE');
  });
});

describe('crsMismatch and crsInfo', () => {
  it('lon/lat coordinates read as Gauss-Krüger metres do not fit; metres in their zone do', () => {
    const gk = crsFromEpsg(4527);
    if (!gk) throw new Error('EPSG:4527 missing');
    expect(crsMismatch('a.shp', gk, LONLAT, {})?.code).toBe('import.crs-mismatch');
    expect(crsMismatch('a.shp', gk, GK39, {})).toBeUndefined();
    expect(crsMismatch('a.shp', gk, undefined, {})).toBeUndefined();
  });

  it('describes a definition with its source, and a datum warning only for the legacy datums', () => {
    const cgcs = crsFromEpsg(4490);
    const xian = crsFromEpsg(4610);
    if (!cgcs || !xian) throw new Error('EPSG definitions missing');
    expect(crsInfo(cgcs, 'prj')).toMatchObject({ epsg: 4490, source: 'prj' });
    expect(crsInfo(cgcs, 'prj').datumWarning).toBeUndefined();
    expect(crsInfo(xian, 'option').datumWarning).toBeTruthy();
  });
});
