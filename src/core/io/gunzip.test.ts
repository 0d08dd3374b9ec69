import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzip, isGzip, withoutGz } from './gunzip';
import { readImport } from './readAny';
import { readImportAsync } from './readImportAsync';

const MB = 1 << 20;
const enc = (s: string) => new TextEncoder().encode(s);
const fc = JSON.stringify({
  type: 'FeatureCollection',
  features: [1, 2, 3].map((i) => ({
    type: 'Feature',
    properties: { DLBM: '0101', TBMJ: 1000 * i, QSDWMC: '张家村' },
    geometry: { type: 'Polygon', coordinates: [[[116, 39], [116 + 0.001 * i, 39], [116 + 0.001 * i, 39.001], [116, 39.001], [116, 39]]] },
  })),
});

describe('gunzip', () => {
  it('inflates a .gz file and names it without .gz; many 64 KiB pushes give the same bytes', () => {
    const big = new Uint8Array(3 * MB).map((_, i) => (i * 7919) % 251);
    const r = gunzip('a.geojson.gz', gzipSync(big, { level: 6 }), 1 << 30);
    expect(r.ok && r.file).toBe('a.geojson');
    expect(r.ok && r.bytes.length).toBe(big.length);
    expect(r.ok && Buffer.compare(Buffer.from(r.bytes), Buffer.from(big))).toBe(0);
  });
  it('bytes that are not gzip (decompressed on the way): the same bytes, the name without .gz', () => {
    const b = enc(fc);
    const r = gunzip('耕地.GeoJSON.GZ', b, MB);
    expect(r).toEqual({ ok: true, file: '耕地.GeoJSON', bytes: b });
    expect(isGzip(b)).toBe(false);
    expect(withoutGz('x.zip')).toBe('x.zip');
  });
  it('a gzip bomb stops at the limit and says how much had inflated', () => {
    const bomb = gzipSync(new Uint8Array(64 * MB), { level: 9 });
    expect(bomb.length).toBeLessThan(MB);
    const r = gunzip('bomb.geojson.gz', bomb, 8 * MB);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^bomb\.geojson\.gz: 解压后超过上限 8\.0 MB（已解压 [\d.]+ MB 时停止）.* \/ decompressed contents exceed the 8\.0 MB limit this machine can hold \(stopped after [\d.]+ MB\)$/);
  });
  it('a truncated or damaged gzip file is an error naming the file, not a shorter file', () => {
    const gz = gzipSync(enc(fc.repeat(50)));
    const cut = gunzip('cut.geojson.gz', gz.subarray(0, gz.length >> 1), MB);
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.error).toMatch(/^cut\.geojson\.gz: gzip 文件损坏，无法解压/);
    const bad = gz.slice();
    bad.fill(0xff, 20, 40);
    const r = gunzip('bad.geojson.gz', bad, MB);
    expect(r.ok).toBe(false);
  });
});

describe('readImport of a .gz file', () => {
  it('a gzipped GeoJSON reads as the GeoJSON itself (features, fields, named without .gz)', async () => {
    const plain = readImport('耕地.geojson', enc(fc));
    for (const r of [readImport('耕地.geojson.gz', gzipSync(enc(fc))), await readImportAsync('耕地.geojson.gz', gzipSync(enc(fc)))]) {
      expect(r.findings).toEqual(plain.findings);
      expect(r.layers[0].features).toHaveLength(3);
      expect(r.layers.map((l) => [l.name, l.features.length, l.fields])).toEqual(plain.layers.map((l) => [l.name, l.features.length, l.fields]));
      expect(r.layers[0].features.map((f) => f.properties)).toEqual(plain.layers[0].features.map((f) => f.properties));
    }
  });
  it('a gzipped zip of a GeoJSON; a gzip file with another name is sniffed', async () => {
    const zipped = zipSync({ 'a.geojson': enc(fc) });
    const r = await readImportAsync('a.zip.gz', gzipSync(zipped));
    expect(r.findings).toEqual([]);
    expect(r.layers[0].features).toHaveLength(3);
    const sniffed = readImport('download.bin', gzipSync(enc(fc)));
    expect(sniffed.layers[0].features).toHaveLength(3);
  });
  it('a gzip bomb is an import.gzip error finding naming the file', () => {
    const r = readImport('bomb.geojson.gz', gzipSync(new Uint8Array(16 * MB), { level: 9 }), { maxBytes: 4 * MB });
    expect(r.layers).toEqual([]);
    expect(r.findings).toMatchObject([{ severity: 'error', code: 'import.gzip', file: 'bomb.geojson.gz' }]);
  });
});
