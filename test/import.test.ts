/**
 * Import "done when" (issue 4): the same parcels as lon/lat GeoJSON and as Shapefiles in a 3° GK zone with
 * the zone prefix, without it, in UTM, with GBK attributes with and without .cpg (and Xi'an 80 / Beijing 54,
 * GeoJSON with a legacy crs) all read back to the same lon/lat within 1 cm, the same attributes and the same
 * ellipsoidal areas within 1e-6; bad inputs each get a clear message. Fixtures: test/helpers/buildImportFixtures.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../src/core/area/ellipsoid';
import { blobSource, readChunked, sizeGuard } from '../src/core/io/chunks';
import { type ImportResult, importErrors, readImport } from '../src/core/io/readAny';
import { buildAll, FIELDS, FIXTURE_DIR, PRJ, parcels, records, shapefileParts } from './helpers/buildImportFixtures';
import { encodeGbk, GRS80, tmForward, utf8, writeDbf, writeShpShx, zipFiles } from './helpers/makeShapefile';

const fx = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
const read = (name: string, opts = {}): ImportResult => readImport(name, fx(name), opts);

const reference = read('parcels.geojson').layers[0].features;

/** Largest distance in metres between corresponding vertices of two geometries (Infinity if shapes differ). */
function maxVertexDistanceM(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): number {
  if (a.type !== b.type) return Infinity;
  const pa = (a.type === 'Polygon' ? [a.coordinates] : a.coordinates) as number[][][][];
  const pb = (b.type === 'Polygon' ? [b.coordinates] : b.coordinates) as number[][][][];
  if (pa.length !== pb.length) return Infinity;
  let max = 0;
  pa.forEach((poly, i) => {
    if (poly.length !== pb[i].length) max = Infinity;
    poly.forEach((ring, j) => {
      const other = pb[i][j];
      if (!other || ring.length !== other.length) {
        max = Infinity;
        return;
      }
      ring.forEach((p, k) => {
        const q = other[k];
        const dy = (p[1] - q[1]) * 111320;
        const dx = (p[0] - q[0]) * 111320 * Math.cos((p[1] * Math.PI) / 180);
        max = Math.max(max, Math.hypot(dx, dy));
      });
    });
  });
  return max;
}

function expectSameParcels(features: Feature[]): void {
  expect(features).toHaveLength(reference.length);
  features.forEach((f, i) => {
    const ref = reference[i];
    expect(f.properties).toEqual(ref.properties);
    const g = f.geometry as Polygon | MultiPolygon;
    const rg = ref.geometry as Polygon | MultiPolygon;
    expect(maxVertexDistanceM(g, rg)).toBeLessThan(0.01);
    const a = geometryAreaEllipsoidal(g);
    const ra = geometryAreaEllipsoidal(rg);
    expect(Math.abs(a - ra) / ra).toBeLessThan(1e-6);
  });
}

describe('fixtures', () => {
  it('the committed fixtures are what the builder makes (rebuild: npx tsx test/helpers/buildImportFixtures.ts)', () => {
    const built = buildAll();
    for (const [name, bytes] of Object.entries(built)) expect(Buffer.from(fx(name)).equals(Buffer.from(bytes)), name).toBe(true);
    const committed = readdirSync(FIXTURE_DIR).filter((n) => n !== 'bare');
    expect(committed.sort()).toEqual(Object.keys(built).filter((n) => !n.startsWith('bare/')).sort());
  });

  it('the reference parcels hold a hole, a two-part parcel and 中文 names', () => {
    expect(reference.map((f) => f.geometry.type)).toEqual(['Polygon', 'Polygon', 'MultiPolygon', 'Polygon']);
    expect((reference[1].geometry as Polygon).coordinates).toHaveLength(2);
    expect(reference[2].properties?.ZLDWMC).toBe('东风村民委员会（后屯）');
  });
});

describe('every variant yields the same parcels (lon/lat within 1 cm, attributes, areas within 1e-6)', () => {
  const cases: [file: string, epsg: number, encoding: string | undefined, encodingSource: string | undefined][] = [
    ['gk39-utf8.zip', 4527, 'utf-8', 'cpg'],
    ['cm117-gbk-cpg.zip', 4548, 'gbk', 'cpg'],
    ['gk39-gbk-ldid.zip', 4527, 'gbk', 'ldid'],
    ['gk39-gbk-detect.zip', 4527, 'gbk', 'detected'],
    ['utm50-utf8.zip', 32650, 'utf-8', 'cpg'],
    ['gk39-legacy-crs.geojson', 4527, undefined, undefined],
  ];
  for (const [file, epsg, encoding, source] of cases) {
    it(`${file}: EPSG:${epsg}${encoding ? `, ${encoding} from ${source}` : ''}`, () => {
      const r = read(file);
      expect(importErrors(r)).toEqual([]);
      expect(r.layers).toHaveLength(1);
      const l = r.layers[0];
      // Detection among legacy code pages always names its choice (issue 16 §4); nothing else warns.
      expect(l.findings.filter((f) => f.severity === 'warning').map((f) => f.message)).toEqual(
        source === 'detected' ? [expect.stringMatching(/attribute encoding uncertain, no \.cpg, language driver 0x57 = ANSI .*by content scoring chose GBK \(Simplified Chinese\)/)] : [],
      );
      expect(l.crs?.epsg).toBe(epsg);
      expect(l.encoding?.encoding).toBe(encoding);
      expect(l.encoding?.source).toBe(source);
      expectSameParcels(l.features);
      expect(l.guessedKind).toBe('cultivated');
    });
  }

  it('a bare .shp with its siblings (中文 file name, .cpg GBK)', () => {
    const dir = join(FIXTURE_DIR, 'bare');
    const sib = ['shx', 'dbf', 'prj', 'cpg'].map((e) => ({ name: `地类图斑.${e}`, bytes: new Uint8Array(readFileSync(join(dir, `地类图斑.${e}`))) }));
    const r = readImport('地类图斑.shp', new Uint8Array(readFileSync(join(dir, '地类图斑.shp'))), {}, sib);
    expect(importErrors(r)).toEqual([]);
    expect(r.layers[0].name).toBe('地类图斑');
    expect(r.layers[0].encoding?.source).toBe('cpg');
    expectSameParcels(r.layers[0].features);
  });

  it("Xi'an 80 and Beijing 54: converted on their own ellipsoid, with a warning that the datum shift is not applied", () => {
    for (const [file, epsg] of [
      ['xian80-gk39.zip', 2363],
      ['beijing54-cm117.zip', 2436],
    ] as const) {
      const r = read(file);
      expect(importErrors(r)).toEqual([]);
      const l = r.layers[0];
      expect(l.crs?.epsg).toBe(epsg);
      const w = l.findings.filter((f) => f.code === 'import.datum');
      expect(w).toHaveLength(1);
      expect(w[0].severity).toBe('warning');
      expect(w[0].message).toMatch(/datum shift to CGCS2000 unknown/);
      expect(w[0].message).toMatch(/未做基准转换/);
      // The fixture projected the reference lon/lat on that ellipsoid, so they come back unchanged.
      expectSameParcels(l.features);
    }
  });

  it('CGCS2000 geographic (EPSG:4490) .prj; lon/lat without .prj is read as 4490 with a warning', () => {
    const { shp, shx } = writeShpShx(records((lon, lat) => [lon, lat]));
    const dbf = writeDbf(FIELDS, parcels().map((p) => p.props), utf8);
    const geo = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const withPrj = readImport('g.zip', zipFiles({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': dbf, 'g.prj': utf8(geo) }));
    expect(importErrors(withPrj)).toEqual([]);
    expect(withPrj.layers[0].crs).toMatchObject({ epsg: 4490, source: 'prj' });
    expectSameParcels(withPrj.layers[0].features);
    const noPrj = readImport('g.zip', zipFiles({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': dbf }));
    expect(noPrj.layers[0].crs).toMatchObject({ epsg: 4490, source: 'assumed' });
    expect(noPrj.layers[0].findings.map((f) => f.message).join()).toMatch(/no \.prj: coordinates look like lon\/lat, read as EPSG:4490/);
    expectSameParcels(noPrj.layers[0].features);
  });

  it('a zip made on Chinese Windows (GBK entry names, no UTF-8 flag) keeps the 中文 layer name', () => {
    const parts = shapefileParts({ stem: 'abcdefgh', proj: { ...GRS80, lon0: 117, k0: 1, x0: 39500000, y0: 0 }, prj: PRJ.gk39, cpg: 'UTF-8', encoding: 'utf8' });
    const zip = zipFiles(parts);
    // Patch every occurrence of the 8-byte ASCII stem with the 8 GBK bytes of 地类图斑 and clear the UTF-8 flags.
    const from = utf8('abcdefgh');
    const to = encodeGbk('地类图斑');
    expect(to.length).toBe(8);
    for (let i = 0; i + 8 <= zip.length; i++) if (from.every((b, k) => zip[i + k] === b)) zip.set(to, i);
    const dv = new DataView(zip.buffer);
    for (let i = 0; i + 4 <= zip.length; i++) {
      const sig = dv.getUint32(i, true);
      if (sig === 0x04034b50) dv.setUint16(i + 6, dv.getUint16(i + 6, true) & ~0x800, true);
      if (sig === 0x02014b50) dv.setUint16(i + 8, dv.getUint16(i + 8, true) & ~0x800, true);
    }
    const r = readImport('win.zip', zip);
    expect(importErrors(r)).toEqual([]);
    expect(r.layers.map((l) => l.name)).toEqual(['地类图斑']);
    expectSameParcels(r.layers[0].features);
  });

  it('an explicit EPSG code reads metre coordinates without a .prj', () => {
    for (const [file, epsg] of [
      ['bad-noprj-gk39.zip', 4527],
      ['bad-noprj-cm117.zip', 4548],
    ] as const) {
      const r = read(file, { epsg });
      expect(importErrors(r)).toEqual([]);
      expect(r.layers[0].crs?.source).toBe('option');
      expectSameParcels(r.layers[0].features);
    }
  });

  it('a wrong EPSG code (zone 38 for zone-39 data) is not silently accepted as the same place', () => {
    const r = read('bad-noprj-cm117.zip', { epsg: 4547 }); // CM 114E instead of 117E
    expect(importErrors(r)).toEqual([]);
    const d = maxVertexDistanceM(r.layers[0].features[0].geometry as Polygon, reference[0].geometry as Polygon);
    expect(d).toBeGreaterThan(200_000);
  });
});

describe('bad inputs get clear messages', () => {
  const only = (r: ImportResult) => {
    const errs = importErrors(r);
    expect(errs.length).toBeGreaterThan(0);
    return errs.map((e) => e.message).join('\n');
  };

  it('metre coordinates without .prj, zone prefix → the zone code', () => {
    const r = read('bad-noprj-gk39.zip');
    const msg = only(r);
    expect(r.layers[0].findings[0].code).toBe('import.crs-missing');
    expect(msg).toMatch(/no \.prj and the coordinates are in metres/);
    expect(msg).toMatch(/zone number 39/);
    expect(msg).toMatch(/EPSG:4527 CGCS2000 \/ 3-degree Gauss-Kruger zone 39/);
    // the core's messages stay neutral (the app has no command line); the CLI adds "--epsg CODE" through `advice`
    expect(msg).not.toMatch(/--epsg/);
    expect(msg).toMatch(/give the coordinate system$/);
    expect(only(read('bad-noprj-gk39.zip', { advice: { crs: '--epsg CODE' } }))).toMatch(/give the coordinate system \(--epsg CODE\)$/);
    expect(r.layers[0].features).toEqual([]);
    expect(r.layers[0].featureCount).toBe(4);
  });

  it('metre coordinates without .prj, no prefix → the 4534–4554 codes whose zone lands in China at that northing', () => {
    const msg = only(read('bad-noprj-cm117.zip'));
    const codes = [...msg.matchAll(/EPSG:(45\d\d)/g)].map((m) => Number(m[1]));
    expect(codes).toContain(4548); // the right one, CM 117E
    expect(codes).toContain(4549); // CM 120E: Shandong's coast at 36°N
    expect(codes).not.toContain(4554); // CM 135E: sea at 36°N
    expect(codes.every((c) => c >= 4534 && c <= 4554)).toBe(true);
    expect(msg).toMatch(/central meridian unknown/);
  });

  it('coordinates that do not fit the .prj / --epsg: zone number missing or extra, metres under a geographic CRS', () => {
    // Data without the zone prefix read as zone 39 (prefix): suggests the CM 117E code.
    const a = only(read('bad-noprj-cm117.zip', { epsg: 4527 }));
    expect(a).toMatch(/the eastings have no zone number \(≈ 527\d\d\d\) but CGCS2000 \/ 3-degree Gauss-Kruger zone 39 has false easting 39500000/);
    expect(a).toMatch(/EPSG:4548/);
    // Data with the prefix read as CM 117E (no prefix): suggests the zone code.
    const b = only(read('bad-noprj-gk39.zip', { epsg: 4548 }));
    expect(b).toMatch(/the eastings carry a zone number .* false easting is 500000/);
    expect(b).toMatch(/EPSG:4527/);
    // Metres under EPSG:4490.
    const c = only(read('bad-noprj-gk39.zip', { epsg: 4490 }));
    expect(c).toMatch(/the CRS is geographic \(CGCS2000\) but the coordinates are in metres/);
    expect(read('bad-noprj-gk39.zip', { epsg: 4490 }).layers[0].features).toEqual([]);
  });

  it('a .prj of an unsupported CRS names it', () => {
    const msg = only(read('bad-unsupported-prj.zip'));
    expect(msg).toMatch(/unsupported coordinate system "Asia_North_Albers_Equal_Area_Conic"/);
    expect(msg).toMatch(/unsupported projection "Albers"/);
  });

  it('an unsupported --epsg code is named', () => {
    const msg = only(read('gk39-utf8.zip', { epsg: 2000 }));
    expect(msg).toMatch(/EPSG:2000 is not supported/);
  });

  it('a truncated .shp', () => {
    const r = read('bad-truncated-shp.zip');
    const msg = only(r);
    expect(r.layers[0].findings.some((f) => f.code === 'import.shp-truncated')).toBe(true);
    expect(msg).toMatch(/record 4 is damaged and gets no geometry: the \.shx points at offset \d+ \(\d+ bytes\), past the end of the \.shp \(\.shp truncated: header says 812 bytes, file has 752\)/);
    // the records before the cut still load (GDAL reads them too)
    expect(r.layers[0].features.slice(0, 3).every((f) => f.geometry !== null)).toBe(true);
    expect(r.layers[0].features[3].geometry).toBeNull();
  });

  it('a .dbf shorter than the .shp', () => {
    const msg = only(read('bad-short-dbf.zip'));
    expect(msg).toMatch(/\.dbf has 2 records, fewer than the 4 shapes in \.shp: attributes cannot be matched/);
  });

  it('a zip without a .shp', () => {
    const r = read('bad-no-shp.zip');
    expect(r.layers).toEqual([]);
    expect(only(r)).toMatch(/has a \.dbf but no \.shp: geometry missing \(contains: dltb\.dbf, dltb\.prj, readme\.txt\)/);
  });

  it('a file with an unknown extension is sniffed: zip, .shp file code, else GeoJSON (whose errors it gets)', () => {
    expect(importErrors(readImport('download.bin', fx('gk39-utf8.zip')))).toEqual([]);
    const gj = readImport('parcels.txt', fx('parcels.geojson'));
    expect(gj.layers[0]).toMatchObject({ name: 'parcels.txt', format: 'geojson', featureCount: 4 });
    expect(importErrors(readImport('notes.txt', utf8('hello')))[0]).toMatchObject({ code: 'json.syntax' });
  });

  it('a corrupt zip and an empty file', () => {
    expect(only(read('bad-corrupt.zip'))).toMatch(/corrupt zip archive, cannot extract/);
    expect(only(read('bad-empty.zip'))).toMatch(/bad-empty\.zip: 空文件（0 字节） \/ empty file \(0 bytes\)/);
    expect(only(readImport('x.zip', utf8('hello')))).toMatch(/not a zip archive/);
  });

  it('two shapefiles in one zip come back as two named layers', () => {
    const r = read('two-layers.zip');
    expect(importErrors(r)).toEqual([]);
    expect(r.layers.map((l) => l.name)).toEqual(['地类图斑', '永久基本农田']);
    expect(r.layers.map((l) => l.path)).toEqual(['two-layers.zip/地类图斑.shp', 'two-layers.zip/永久基本农田.shp']);
    for (const l of r.layers) expectSameParcels(l.features);
  });

  it('metre GeoJSON without crs', () => {
    const gj = JSON.parse(new TextDecoder().decode(fx('gk39-legacy-crs.geojson')));
    delete gj.crs;
    const msg = only(readImport('m.geojson', utf8(JSON.stringify(gj))));
    expect(msg).toMatch(/no crs and the coordinates are in metres/);
    expect(msg).toMatch(/EPSG:4527/);
  });

  it('a GeoJSON crs naming an unsupported EPSG code', () => {
    const gj = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:3395' } }, features: [] };
    expect(only(readImport('w.geojson', utf8(JSON.stringify(gj))))).toMatch(/names EPSG:3395, which is not supported/);
  });

  it('a non-polygon shapefile', () => {
    const parts = shapefileParts({ stem: 'p', proj: { ...GRS80, lon0: 117, k0: 1, x0: 39500000, y0: 0 }, prj: PRJ.gk39, encoding: 'utf8' });
    const shp = parts['p.shp'].slice();
    new DataView(shp.buffer).setInt32(32, 1, true); // header says Point
    expect(only(readImport('p.zip', zipFiles({ ...parts, 'p.shp': shp })))).toMatch(/only polygon layers are supported; this file holds Point \(1\) shapes/);
  });
});

describe('large files', () => {
  it('the size guard speaks before anything is read', async () => {
    let reads = 0;
    const src = { name: 'big.zip', size: 3 * 2 ** 30, read: async () => {
        reads++;
        return new Uint8Array(0);
      } };
    const r = await readChunked(src, { maxBytes: 2 ** 30 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/big\.zip: .*file is 3\.0 GB, over the 1\.0 GB limit/);
    expect(reads).toBe(0);
    expect(sizeGuard('a', 10, 100)).toBeUndefined();
  });

  it('chunked reading reports progress and reassembles the bytes', async () => {
    const bytes = fx('gk39-utf8.zip');
    const blob = { size: bytes.length, slice: (s: number, e: number) => ({ arrayBuffer: async () => bytes.slice(s, e).buffer }) };
    const seen: number[] = [];
    const r = await readChunked(blobSource('gk39-utf8.zip', blob), { chunkSize: 256, onProgress: (f) => seen.push(f) });
    expect(r.ok && Buffer.from(r.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(seen.length).toBe(Math.ceil(bytes.length / 256));
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('parsing reports increasing progress ending at 1', () => {
    const seen: number[] = [];
    read('two-layers.zip', { onProgress: (f: number) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.at(-1)).toBe(1);
  });

  it('input over the limit, and a zip that would inflate past it, are refused with a message', () => {
    expect(importErrors(read('gk39-utf8.zip', { maxBytes: 100 }))[0].message).toMatch(/over the 100 B limit/);
    const bomb = zipSync({ 'a.shp': new Uint8Array(4 << 20) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 << 10);
    const msg = importErrors(readImport('bomb.zip', bomb, { maxBytes: 1 << 20 }))[0].message;
    expect(msg).toMatch(/uncompressed contents exceed the 1\.0 MB limit this machine can hold: stopped at a\.shp after 1\.\d MB actually inflated \(the headers claimed 4\.0 MB in all\)/);
  });
});

describe('GeoJSON reader details', () => {
  it('tolerates a BOM and honours a legacy crs (the reprojected file above), and takes RFC 7946 lon/lat as is', () => {
    const r = read('parcels.geojson');
    expect(r.layers[0].crs?.source).toBe('rfc7946');
    // (the features' geometries are FlatGeometry views here: compared as the GeoJSON they write)
    expect(JSON.parse(JSON.stringify(r.layers[0].features))).toEqual(JSON.parse(new TextDecoder().decode(fx('parcels.geojson'))).features);
  });

  it('the independent Krüger series agrees with proj4 far from the central meridian (1.4°)', () => {
    const p = tmForward({ ...GRS80, lon0: 117, k0: 1, x0: 39500000, y0: 0 }, 118.4, 41.5);
    const gj = { type: 'Feature', crs: { type: 'name', properties: { name: 'EPSG:4527' } }, properties: {}, geometry: { type: 'Point', coordinates: p } };
    const f = readImport('pt.geojson', utf8(JSON.stringify(gj))).layers[0].features[0];
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lat - 41.5) * 111320).toBeLessThan(0.001);
    expect(Math.abs(lon - 118.4) * 111320 * Math.cos((41.5 * Math.PI) / 180)).toBeLessThan(0.001);
  });
});
