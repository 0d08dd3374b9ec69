import { describe, expect, it } from 'vitest';
import { decodeText, parseCrsEpsg, parseGeoJson, syntaxReason } from './readGeojson';

const poly = { type: 'Polygon', coordinates: [[[116, 40], [116.001, 40], [116.001, 40.001], [116, 40]]] };
const enc = (s: string) => new TextEncoder().encode(s);

describe('parseGeoJson', () => {
  it('reads a FeatureCollection, a bare Feature and a bare geometry', () => {
    const fc = parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: poly }] }), 'a.geojson');
    expect(fc.findings).toEqual([]);
    expect(fc.features).toHaveLength(1);
    expect(parseGeoJson(JSON.stringify({ type: 'Feature', properties: { BSM: 1 }, geometry: poly }), 'b').features).toHaveLength(1);
    const bare = parseGeoJson(JSON.stringify(poly), 'c');
    expect(bare.features).toEqual([{ type: 'Feature', properties: {}, geometry: poly }]);
  });

  it('skips a UTF-8 BOM in text and bytes', () => {
    const text = `\uFEFF${JSON.stringify({ type: 'FeatureCollection', features: [] })}`;
    expect(parseGeoJson(text, 'x').findings).toEqual([]);
    expect(parseGeoJson(enc(text), 'x').findings).toEqual([]);
  });

  it('reports the legacy crs member as an EPSG code', () => {
    const r = parseGeoJson(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4527' } }, features: [] }), 'x');
    expect(r.crsEpsg).toBe(4527);
    expect(parseCrsEpsg({ properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }).epsg).toBe(4326);
    expect(parseCrsEpsg({ properties: { name: 'EPSG:4490' } }).epsg).toBe(4490);
    expect(parseCrsEpsg('EPSG:4490')).toEqual({});
  });

  it.each([
    ['', 'json.empty'],
    [' \n', 'json.empty'],
    ['{"type":"FeatureCollection","features":[', 'json.syntax'],
    ['{"a":NaN}', 'json.syntax'],
    ['[]', 'geojson.root'],
    ['42', 'geojson.root'],
    ['{"features":[]}', 'geojson.type'],
    ['{"type":"FeatureCollection"}', 'geojson.features'],
    [`${'['.repeat(65)}${']'.repeat(65)}`, 'json.too-deep'],
  ])('%j → %s, naming the file, without throwing', (input, code) => {
    const r = parseGeoJson(input, 'in.geojson');
    expect(r.features).toEqual([]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ severity: 'error', code, file: 'in.geojson' });
    expect(r.findings[0].message.startsWith('in.geojson: ')).toBe(true);
  });

  it('accepts nesting up to the limit (64) and counts brackets inside strings as text', () => {
    expect(parseGeoJson(`{"type":"Feature","properties":{"s":"${'['.repeat(500)}"},"geometry":null}`, 'x').findings).toEqual([]);
    expect(parseGeoJson(`{"type":"x","a":${'['.repeat(63)}${']'.repeat(63)}}`, 'x').findings).toEqual([]);
  });

  it('measures depth on the parsed tree exactly as on the text: objects, arrays, pairs and mixed', () => {
    const code = (t: string) => parseGeoJson(t, 'x').findings.map((f) => f.code);
    // root object = level 1, so n more levels reach depth n + 1
    const arrays = (n: number, leaf: string) => `${'['.repeat(n)}${leaf}${']'.repeat(n)}`;
    const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    for (const leaf of ['1,2', '1', '"s"', '1,2,3', 'true,2', '']) {
      expect(code(`{"type":"x","a":${arrays(63, leaf)}}`), `63 arrays around ${leaf}`).toEqual([]);
      expect(code(`{"type":"x","a":${arrays(64, leaf)}}`), `64 arrays around ${leaf}`).toEqual(['json.too-deep']);
    }
    expect(code(`{"type":"x","a":${objects(63)}}`)).toEqual([]);
    expect(code(`{"type":"x","a":${objects(64)}}`)).toEqual(['json.too-deep']);
    // deep inside a position-like pair's neighbour, after a pair, under a "__proto__" key, inside properties
    expect(code(`{"type":"x","a":[[1,2],${arrays(63, '1')}]}`)).toEqual(['json.too-deep']);
    expect(code(`{"type":"x","a":[[1,2],${arrays(62, '1')}]}`)).toEqual([]);
    expect(code(`{"type":"x","__proto__":${arrays(64, '')}}`)).toEqual(['json.too-deep']);
    expect(code(`{"type":"Feature","properties":{"0":${objects(63)}},"geometry":null}`)).toEqual(['json.too-deep']);
    // a pair with a nested third member is not a leaf
    expect(code(`{"type":"x","a":[1,${arrays(63, '')}]}`)).toEqual(['json.too-deep']);
  });

  it('calls over-deep text too deep even when it is also not valid JSON', () => {
    expect(parseGeoJson(`{"type":"x","a":${'['.repeat(80)}`, 'x').findings.map((f) => f.code)).toEqual(['json.too-deep']);
    expect(parseGeoJson(`{"type":"x","a":${'['.repeat(20)}`, 'x').findings.map((f) => f.code)).toEqual(['json.syntax']);
  });

  it('calls NUL bytes near the start binary', () => {
    const r = parseGeoJson(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'z.geojson');
    expect(r.findings[0].code).toBe('json.binary');
    expect(parseGeoJson(`${' '.repeat(1023)}\u0000{}`, 'z').findings[0].code).toBe('json.binary');
    expect(parseGeoJson(`${' '.repeat(1024)}\u0000{}`, 'z').findings[0].code).toBe('json.syntax');
  });

  it('keeps V8\'s echo of binary input out of syntax messages', () => {
    const r = parseGeoJson(new Uint8Array([0xc3, 0x28, 0x01, 0x1b, 0x5b, 0x33, 0x31, 0x6d]), 'g.geojson');
    expect(r.findings[0].code).toBe('json.syntax');
    expect(r.findings[0].message).not.toMatch(/[\u0000-\u001f\ufffd]/);
    expect(r.findings[0].message).not.toContain('is not valid JSON');
    expect(r.findings[0].message.length).toBeLessThan(400);
  });

  it('1e309 parses as Infinity: the reader passes it on for validation to report', () => {
    const r = parseGeoJson('{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1e309,40]]]}}', 'x');
    expect(r.findings).toEqual([]);
    const f = r.features[0] as { geometry: { coordinates: number[][][] } };
    expect(f.geometry.coordinates[0][0][0]).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('decodeText', () => {
  it('decodes UTF-16 with a byte-order mark', () => {
    const s = '{"type":"FeatureCollection","features":[],"name":"耕地"}';
    const le = new Uint8Array(2 + s.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      le[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    expect(decodeText(le)).toEqual({ text: s, encoding: 'utf-16le' });
    const r = parseGeoJson(le, 'u16.geojson');
    expect(r.findings).toEqual([]);
  });

  it('falls back to GB18030 for GBK text and says so', () => {
    // "耕地" in GBK is B8 FB B5 D8
    const bytes = new Uint8Array([...enc('{"type":"Feature","properties":{"DLMC":"'), 0xb8, 0xfb, 0xb5, 0xd8, ...enc('"},"geometry":null}')]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('gb18030');
    const r = parseGeoJson(bytes, 'gbk.geojson');
    expect(r.findings.map((f) => f.code)).toEqual(['encoding.gb18030']);
    expect(r.findings[0].severity).toBe('warning');
    expect((r.features[0] as { properties: { DLMC: string } }).properties.DLMC).toBe('耕地');
  });

  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeText(enc('{"a":"耕地"}'))).toEqual({ text: '{"a":"耕地"}' });
  });
});

describe('syntaxReason', () => {
  it('drops the echoed input and escapes control characters', () => {
    let err: unknown;
    try {
      JSON.parse('\u0001\u0002xyz');
    } catch (e) {
      err = e;
    }
    const why = syntaxReason(err);
    expect(why).not.toContain('is not valid JSON');
    expect(why).toContain('\\u0001');
    expect(syntaxReason(new Error('x'.repeat(500))).length).toBeLessThanOrEqual(161);
  });
});
