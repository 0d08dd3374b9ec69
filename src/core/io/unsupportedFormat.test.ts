import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../../test/helpers/makeShapefile';
import { importErrors, readImport } from './readAny';

const text = (s: string) => new TextEncoder().encode(s);
const msg = (file: string, bytes: Uint8Array) => {
  const r = readImport(file, bytes);
  expect(r.layers).toEqual([]);
  return importErrors(r).map((f) => `[${f.code}] ${f.message}`).join('\n');
};

/** A one-file ustar archive (header block: name, …, "ustar" at 257). */
function tar(): Uint8Array {
  const b = new Uint8Array(1024);
  b.set(text('dltb.shp'), 0);
  b.set(text('ustar\u000000'), 257);
  return b;
}

describe('formats we do not read are named, with what to do', () => {
  it('tar and tar.gz (also under a wrong name)', () => {
    expect(msg('parcels.tar', tar())).toBe(
      '[import.unsupported-format] parcels.tar: 这是 tar 归档，不支持；请解压后导入其中的 .shp（连同 .shx/.dbf/.prj/.cpg），或重新打包为 .zip / tar archives are not supported: unpack it and import the .shp (with its .shx/.dbf/.prj/.cpg), or pack them into a .zip',
    );
    expect(msg('parcels.dat', tar())).toMatch(/tar archives are not supported/);
    expect(msg('parcels.tar.gz', gzipSync(tar()))).toMatch(/parcels\.tar\.gz: 这是 gzip 压缩文件（tar\.gz），不支持.* \/ gzip-compressed files \(tar\.gz\) are not supported: unpack it/);
  });
  it('7z and RAR', () => {
    expect(msg('a.7z', new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toMatch(/a\.7z: 这是 7z 归档，不支持.* \/ 7z archives are not supported: unpack it/);
    expect(msg('a.bin', new Uint8Array([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0]))).toMatch(/a\.bin: 这是 RAR 归档.* \/ RAR archives are not supported: unpack it/);
  });
  it('KML, KMZ (a zip holding doc.kml) and DXF', () => {
    const kml = text('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>');
    expect(msg('farm.kml', kml)).toBe(
      '[import.unsupported-format] farm.kml: 这是 KML（Google Earth）文件，不支持；请在 GIS 软件中导出为 Shapefile（.zip，含 .shp/.shx/.dbf/.prj）或 GeoJSON 后再导入 / KML (Google Earth) files are not supported: export it to a Shapefile (zipped .shp/.shx/.dbf/.prj) or GeoJSON in a GIS program and import that',
    );
    expect(msg('farm.xml', kml)).toMatch(/KML \(Google Earth\) files are not supported/);
    expect(msg('farm.kmz', zipFiles({ 'doc.kml': kml }))).toMatch(
      /^\[import\.unsupported-format\] farm\.kmz: 没有找到 \.shp 或 GeoJSON；doc\.kml: 这是 KML.* \/ no \.shp or GeoJSON found; KML \(Google Earth\) files are not supported: export it/,
    );
    expect(msg('plan.dxf', text('  0\nSECTION\n  2\nHEADER\n'))).toMatch(/plan\.dxf: 这是 DXF（CAD）文件，不支持.* \/ DXF \(CAD drawing\) files are not supported: export it/);
    expect(msg('plan.txt', text('0\r\nSECTION\r\n'))).toMatch(/DXF \(CAD drawing\) files are not supported/);
  });
  it('a zip holding a tar says so', () => {
    expect(msg('x.zip', zipFiles({ 'data.tar': tar() }))).toMatch(/no \.shp or GeoJSON found; tar archives are not supported/);
  });
});
