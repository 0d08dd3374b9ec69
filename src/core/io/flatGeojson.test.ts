import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FlatCollection, scanFlatCollection, startFlatScan } from './flatGeojson';
import { cat, diff, enc, materialize, randomDocument, reference } from './flatGeojson.testutil';
import { rng } from '../../../test/bench/browser/genParcels';

type Ref = { features: { geometry: { type: string; coordinates: unknown } }[] } & Record<string, unknown>;

/** The store's own promises: offsets consistent, arrays trimmed, bbox = extent of the feature's positions. */
function storeProblems(fc: FlatCollection, ref: Ref): string[] {
  const s = fc.store;
  const out: string[] = [];
  const n = s.xs.length;
  if (s.ys.length !== n || s.ringStart[s.ringStart.length - 1] !== n) out.push('positions');
  if (s.xs.buffer.byteLength !== s.xs.byteLength || s.ys.buffer.byteLength !== s.ys.byteLength) out.push('xs/ys not trimmed');
  if (s.ringStart[0] !== 0 || s.partStart[0] !== 0 || s.featurePart[0] !== 0) out.push('starts');
  if (s.partStart[s.partStart.length - 1] !== s.ringStart.length - 1) out.push('parts→rings');
  if (s.featurePart.length !== fc.count + 1 || s.featurePart[fc.count] !== s.partStart.length - 1) out.push('features→parts');
  if (s.multi.length !== fc.count || s.bbox.length !== 4 * fc.count) out.push('per-feature lengths');
  if (fc.ids.length !== fc.count || fc.properties.length !== fc.count) out.push('ids/properties length');
  if (Object.keys(fc.root).join() !== Object.keys(ref).filter((k) => k !== 'features').join()) out.push('root order');
  ref.features.forEach((f, i) => {
    if (f.geometry.type === 'Polygon' && s.featurePart[i + 1] - s.featurePart[i] !== 1) out.push(`feature ${i}: parts of a Polygon`);
    const flat = (f.geometry.coordinates as unknown[]).flat(f.geometry.type === 'Polygon' ? 1 : 2) as number[][];
    const xs = flat.map((q) => q[0]);
    const ys = flat.map((q) => q[1]);
    const want = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    for (let k = 0; k < 4; k++) if (s.bbox[4 * i + k] !== want[k]) out.push(`feature ${i}: bbox ${Array.from(s.bbox.subarray(4 * i, 4 * i + 4))} vs ${want}`);
  });
  return out;
}

/** Scan must accept and agree with the reference exactly. */
function expectSame(bytes: Uint8Array): FlatCollection {
  const ref = reference(bytes) as Ref;
  const fc = scanFlatCollection(bytes);
  expect(fc, 'scan rejected a valid collection').not.toBeNull();
  const got = fc as FlatCollection;
  expect(diff(materialize(got), ref)).toBe('');
  expect(storeProblems(got, ref)).toEqual([]);
  return got;
}


describe('scanFlatCollection: the same as JSON.parse', () => {
  it('on hand-written edge cases', () => {
    const ring = '[[116,40],[116.001,40],[116.001,40.001],[116,40]]';
    const docs = [
      // whitespace between every token, unusual member order
      ` \r\n\t{ "features" :\n[ { "geometry" : { "coordinates" : [ [ [ 116 , 40 ] ,\t[ 116.001 , 40 ] , [ 116.001 , 40.001 ] , [ 116 , 40 ] ] ] , "type" : "Polygon" } , "properties" : { "a" : 1 } , "id" : 7 , "type" : "Feature" } ] , "type" : "FeatureCollection" }\n\r\t `,
      // ids: string, number forms, escaped strings
      `{"type":"FeatureCollection","features":[
        {"id":"a\\"b\\\\c\\u00e9\\ud83d\\ude00\\n","type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[${ring}]}},
        {"id":-0,"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[${ring}]}},
        {"id":1.5e3,"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[${ring}]}},
        {"id":123456789012345678,"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[${ring}]}},
        {"id":"","type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[${ring}]}},
        {"id":"旱地","type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[${ring}]}}]}`,
      // properties: unicode escapes, Chinese, __proto__, numbers, brackets and escapes inside strings, lone surrogate
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"\\u4e2d\\u6587":"\\u8015\\u5730","DLMC":"水浇地","__proto__":{"x":1},"n":[1]},"geometry":{"type":"Polygon","coordinates":[${ring}]}}]}`.replace(
        '"__proto__":{"x":1},"n":[1]',
        '"__proto__":"p","a":1e5,"b":-0,"c":0.1,"d":123456789012345678,"e":1.7976931348623157e308,"f":5e-324,"g":-0.0,"h":1E-7,"i":true,"j":false,"k":null,"l":"}]{[,:\\"","m":"x\\\\","o":"\\ud800","p":"\\/","q":"","r":"\\b\\f\\n\\r\\t"',
      ),
      // MultiPolygon with holes; root with crs, name, bbox (nested, brackets in strings), escapes in root values
      `{"name":"a}\\"[b","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"bbox":[-1,-2.5,3e1,4],"type":"FeatureCollection","x":[{"y":[[]]},"]"],"__proto__":{"p":[1]},"1":"one","features":[
        {"type":"Feature","properties":{"a":"b"},"geometry":{"type":"MultiPolygon","coordinates":[
          [[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[2,2]],[[5,5],[5,6],[6,6],[5,5]]],
          [[[-180,-90],[180,-90],[180,90],[-180,-90]]]]}}],"z":null}`,
      // number spellings in coordinates, -0, bounds, consecutive repeats, 16–17 digits, big mantissas
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[
        [[-0,-0.0],[1.2e1,0],[12.0,0],[125E-1,1.5E+1],[0.000001,89.99999999999999],[1234567890123456e-14,1.7976931348623157e-300],[-0,0]],
        [[179.99999999999997,-89.9],[9007199254740993e-14,-89.9],[0.1000000000000000055511151231257827,-89.8],[180,-89.8],[179.99999999999997,-89.9]],
        [[1,1],[2,1],[2,1],[2,2],[1,1],[1,1]]]}}]}`,
      // empty collection, feature order of members with id last
      '{"type":"FeatureCollection","features":[]}',
      '{"features":[],"type":"FeatureCollection","name":"空"}',
    ];
    for (const d of docs) expectSame(enc(d));
    // a UTF-8 BOM
    expectSame(cat([0xef, 0xbb, 0xbf], docs[0]));
  });

  it('keeps −0, exact bits and the fast/slow number paths', () => {
    const fc = expectSame(
      enc(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[-0,0.1],[0.3,0.30000000000000004],[123.45678901234567,-0.0],[-0,0.1]]]}}]}',
      ),
    );
    expect(Object.is(fc.store.xs[0], -0)).toBe(true);
    expect(Object.is(fc.store.ys[2], -0)).toBe(true);
    expect(fc.store.ys[1]).toBe(0.30000000000000004);
    expect(fc.store.xs[2]).toBe(123.45678901234567);
  });

  it('parses properties in several chunks (more than 4 MB of them) exactly as one JSON.parse', () => {
    const feats: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const props = i % 997 === 0 ? 'null' : JSON.stringify({ BSM: `23099900${i}`, DLMC: i % 3 ? '水田' : '旱地', ZLDWMC: `东风${i % 50}村`, n: i / 7, note: 'x'.repeat(600 + (i % 13)) });
      feats.push(`{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`);
    }
    const bytes = enc(`{"type":"FeatureCollection","features":[${feats.join(',')}]}`);
    expect(bytes.length).toBeGreaterThan(2 * (1 << 22));
    const fc = expectSame(bytes);
    expect(fc.count).toBe(12_000);
    expect(fc.properties[997]).toBeNull();
    expect(fc.properties[8]?.n).toBe(8 / 7);
    expect(fc.properties[11_999]?.BSM).toBe('2309990011999');
  });

  it('on 300 seeded random collections, accepting every one', () => {
    let features = 0;
    let positions = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const bytes = randomDocument(seed);
      const fc = expectSame(bytes);
      features += fc.count;
      positions += fc.store.xs.length;
    }
    // the generator really produced work (not 300 empty collections)
    expect(features).toBeGreaterThan(600);
    expect(positions).toBeGreaterThan(10000);
  });

  it('in shared memory (`shared`): the same collection, every store array a view of a SharedArrayBuffer', () => {
    // a dense collection outgrows the initial capacities (its arrays copied into shared memory at the end); the demo
    // layer does not (its shared arrays kept as views, their unused tails past the end)
    const dense = Array.from({ length: 3000 }, () => '{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1.5,1.5],[1,1]]]}}');
    const docs = [1, 2, 3, 50, 120].map(randomDocument);
    docs.push(enc(`{"type":"FeatureCollection","features":[${dense.join(',')}]}`));
    docs.push(new Uint8Array(readFileSync(join(__dirname, '../../../data/demo/cultivated.geojson'))));
    const kept = { view: 0, copy: 0 };
    for (const bytes of docs) {
      const plain = scanFlatCollection(bytes) as FlatCollection;
      const shared = scanFlatCollection(bytes, { shared: true }) as FlatCollection;
      expect(shared).not.toBeNull();
      expect(shared.count).toBe(plain.count);
      expect(shared.properties).toEqual(plain.properties);
      expect(shared.ids).toEqual(plain.ids);
      for (const k of ['xs', 'ys', 'ringStart', 'partStart', 'featurePart', 'bbox'] as const) {
        expect(shared.store[k].buffer, k).toBeInstanceOf(SharedArrayBuffer);
        expect([...shared.store[k]], k).toEqual([...plain.store[k]]);
      }
      expect(shared.store.multi).toEqual(plain.store.multi);
      kept[shared.store.xs.buffer.byteLength > shared.store.xs.byteLength ? 'view' : 'copy']++;
    }
    expect(kept.view).toBeGreaterThan(0);
    expect(kept.copy).toBeGreaterThan(0);
  });

  it('on the bundled demo layers (polygon layers accepted, points and lines refused)', () => {
    const dir = join(__dirname, '../../../data/demo');
    const files = readdirSync(dir).filter((f) => f.endsWith('.geojson'));
    expect(files.length).toBeGreaterThan(5);
    let accepted = 0;
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const ref = reference(bytes) as Ref;
      const polygonal = ref.features.every((x) => x.geometry?.type === 'Polygon' || x.geometry?.type === 'MultiPolygon');
      if (polygonal) {
        expectSame(bytes);
        accepted++;
      } else expect(scanFlatCollection(bytes), f).toBeNull();
    }
    expect(accepted).toBeGreaterThan(5);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Rejections: one mutation at a time of a valid collection

const BASE = `{"type":"FeatureCollection","name":"t","features":[
{"type":"Feature","id":1,"properties":{"BSM":"1","DLMC":"旱地","TBMJ":12.5},"geometry":{"type":"Polygon","coordinates":[[[116,40],[116.001,40],[116.001,40.001],[116,40]]]}},
{"type":"Feature","id":"b","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[117,41],[117.002,41],[117.002,41.002],[117,41.002],[117,41]],[[117.0005,41.0005],[117.001,41.0005],[117.001,41.001],[117.0005,41.0005]]]]}}
]}`;

/** BASE with `from` (which must occur in it) replaced by `to`, as bytes; `to` may be raw bytes. */
function mutate(from: string, to: string | number[] | Uint8Array): Uint8Array {
  const at = BASE.indexOf(from);
  if (at < 0) throw new Error(`not in BASE: ${from}`);
  return cat(BASE.slice(0, at), to, BASE.slice(at + from.length));
}

const RING1 = '[[[116,40],[116.001,40],[116.001,40.001],[116,40]]]';
const GEOM2 = BASE.slice(BASE.indexOf('{"type":"MultiPolygon"'), BASE.lastIndexOf('}}'));

const utf16 = (s: string, bigEndian: boolean): number[] => {
  const out = bigEndian ? [0xfe, 0xff] : [0xff, 0xfe];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (bigEndian) out.push(c >> 8, c & 0xff);
    else out.push(c & 0xff, c >> 8);
  }
  return out;
};

const rejections: [string, Uint8Array][] = [
  // rings and positions
  ['unclosed ring', mutate(RING1, '[[[116,40],[116.001,40],[116.001,40.001],[116,40.0001]]]')],
  ['ring of 3 positions', mutate(RING1, '[[[116,40],[116.001,40],[116,40]]]')],
  ['ring of 2 distinct vertices (repeats)', mutate(RING1, '[[[116,40],[116.001,40],[116.001,40],[116,40],[116,40]]]')],
  ['empty ring', mutate(RING1, '[[]]')],
  ['Polygon without rings', mutate(RING1, '[]')],
  ['MultiPolygon without polygons', mutate('[[[[117,41]', '[],[[[[117,41]')],
  ['MultiPolygon with an empty polygon', mutate('[[[[117,41]', '[[],[[[117,41]')],
  ['position of 3 ordinates', mutate('[116.001,40.001]', '[116.001,40.001,5]')],
  ['position of 1 ordinate', mutate('[116.001,40.001]', '[116.001]')],
  ['position as an object', mutate('[116.001,40.001]', '{"x":116.001,"y":40.001}')],
  ['string ordinate', mutate('[116.001,40.001]', '["116.001",40.001]')],
  ['null ordinate', mutate('[116.001,40.001]', '[null,40.001]')],
  ['lon 181', mutate('[116.001,40.001]', '[181,40.001]')],
  ['lon −180.0001', mutate('[116.001,40.001]', '[-180.0001,40.001]')],
  ['lat 90.5', mutate('[116.001,40.001]', '[116.001,90.5]')],
  ['projected metres', mutate(RING1, '[[[500000,4400000],[500100,4400000],[500100,4400100],[500000,4400000]]]')],
  ['1e400 (Infinity)', mutate('[116.001,40.001]', '[1e400,40.001]')],
  // number grammar
  ...['NaN', 'Infinity', '-Infinity', '+116', '.5', '116.', '1e', '1e+', '-', '--1', '0116', '01.5', '0x74', '1_0', '1.5.2', '١'].map(
    (t): [string, Uint8Array] => [`number ${t}`, mutate('[116.001,40.001]', `[${t},40.001]`)],
  ),
  ['leading zero in id', mutate('"id":1,', '"id":01,')],
  // JSON structure
  ['trailing garbage', cat(BASE, 'x')],
  ['a second value', cat(BASE, ' {}')],
  ['trailing comma after the root', cat(BASE, ',')],
  ['trailing NUL', cat(BASE, [0])],
  ['trailing comma in a position list', mutate('[116,40]]]', '[116,40],]]')],
  ['trailing comma in properties', mutate('"TBMJ":12.5}', '"TBMJ":12.5,}')],
  ['trailing comma in features', mutate('}}\n]}', '}},\n]}')],
  ['missing comma between positions', mutate('[116,40],[116.001,40]', '[116,40] [116.001,40]')],
  ['single-quoted string', mutate('"DLMC":"旱地"', "'DLMC':'旱地'")],
  ['comment', mutate('"name":"t",', '"name":"t",/* c */')],
  ['raw control character in a property string', mutate('"BSM":"1"', '"BSM":"1\u0001"')],
  ['raw tab in an id string', mutate('"id":"b"', '"id":"b\t"')],
  ['invalid escape in a property string', mutate('"BSM":"1"', '"BSM":"\\x41"')],
  ['non-ASCII whitespace (NBSP)', mutate('"name":"t",', '"name":"t",\u00a0')],
  ['vertical tab as whitespace', mutate('"name":"t",', '"name":"t",\u000b')],
  // root
  ['root is an array', enc(`[${BASE}]`)],
  ['root type Feature', mutate('"FeatureCollection"', '"Feature"')],
  ['root without type', mutate('"type":"FeatureCollection",', '')],
  ['root without features', enc('{"type":"FeatureCollection"}')],
  ['features not an array', enc('{"type":"FeatureCollection","features":{}}')],
  ['features null', enc('{"type":"FeatureCollection","features":null}')],
  ['duplicate root features', mutate('"name":"t",', '"features":[],')],
  ['duplicate root key', mutate('"name":"t",', '"name":"t","name":"u",')],
  ['escape in a root key', mutate('"name":"t",', '"n\\u0061me":"t",')],
  ['invalid root value', mutate('"name":"t",', '"name":t,')],
  ['root member nested 40 deep', mutate('"name":"t",', `"x":${'['.repeat(40)}${']'.repeat(40)},`)],
  ['a bare Feature', enc(BASE.slice(BASE.indexOf('{"type":"Feature"'), BASE.indexOf('}},') + 2))],
  // features
  ['feature is not an object', mutate('{"type":"Feature","id":1,', '[],{"type":"Feature","id":1,')],
  ['duplicate geometry key', mutate('"properties":null,', `"properties":null,"geometry":{"type":"Polygon","coordinates":${RING1}},`)],
  ['duplicate type key', mutate('"id":1,', '"id":1,"type":"Feature",')],
  ['duplicate properties key', mutate('"id":1,', '"id":1,"properties":{},')],
  ['duplicate id key', mutate('"id":1,', '"id":1,"id":2,')],
  ['bbox member in a feature', mutate('"id":1,', '"id":1,"bbox":[116,40,116.001,40.001],')],
  ['foreign member in a feature', mutate('"id":1,', '"id":1,"foo":1,')],
  ['feature type lowercase', mutate('{"type":"Feature","id":1', '{"type":"feature","id":1')],
  ['feature type escaped', mutate('{"type":"Feature","id":1', '{"type":"Featur\\u0065","id":1')],
  ['feature without type', mutate('{"type":"Feature","id":1,', '{"id":1,')],
  ['feature without properties', mutate('"properties":null,', '')],
  ['feature without geometry', mutate(`,"geometry":${GEOM2}`, '')],
  ['escape in a feature key', mutate('"id":1,', '"\\u0069d":1,')],
  ['id null', mutate('"id":1,', '"id":null,')],
  ['id true', mutate('"id":1,', '"id":true,')],
  ['id object', mutate('"id":1,', '"id":{},')],
  ['id array', mutate('"id":1,', '"id":[1],')],
  // properties
  ['properties an array', mutate('"properties":null', '"properties":[]')],
  ['properties a string', mutate('"properties":null', '"properties":"x"')],
  ['properties nul', mutate('"properties":null', '"properties":nul')],
  ['nested object in properties', mutate('"TBMJ":12.5}', '"TBMJ":{"v":12.5}}')],
  ['nested array in properties', mutate('"TBMJ":12.5}', '"TBMJ":[12.5]}')],
  ['invalid UTF-8 byte in a property string', mutate('旱地', [0x41, 0xff, 0x42])],
  ['GBK bytes in a property string', mutate('旱地', [0xba, 0xb5, 0xb5, 0xd8])],
  ['UTF-8 encoded surrogate in a property string', mutate('旱地', [0xed, 0xa0, 0x80])],
  ['overlong UTF-8 in a property string', mutate('旱地', [0xc0, 0xaf])],
  ['invalid UTF-8 in the root name', mutate('"name":"t"', cat('"name":"', [0xff], '"'))],
  ['invalid UTF-8 in a string id', mutate('"id":"b"', cat('"id":"', [0xc3], '"'))],
  // geometry
  ['Point geometry', mutate(GEOM2, '{"type":"Point","coordinates":[117,41]}')],
  ['LineString geometry', mutate(GEOM2, '{"type":"LineString","coordinates":[[117,41],[118,41]]}')],
  ['GeometryCollection', mutate(GEOM2, '{"type":"GeometryCollection","geometries":[]}')],
  ['null geometry', mutate(GEOM2, 'null')],
  ['geometry type does not match the nesting', mutate('"type":"MultiPolygon"', '"type":"Polygon"')],
  ['geometry type escaped', mutate('"type":"MultiPolygon"', '"type":"MultiP\\u006flygon"')],
  ['geometry without type', mutate('"type":"MultiPolygon",', '')],
  ['geometry without coordinates', mutate(GEOM2, '{"type":"Polygon"}')],
  ['bbox member in a geometry', mutate('"type":"MultiPolygon",', '"type":"MultiPolygon","bbox":[0,0,1,1],')],
  ['duplicate geometry type', mutate('"type":"MultiPolygon",', '"type":"MultiPolygon","type":"MultiPolygon",')],
  ['duplicate coordinates', mutate(`"coordinates":${RING1}`, `"coordinates":${RING1},"coordinates":${RING1}`)],
  // encodings
  ['UTF-16 LE with BOM', Uint8Array.from(utf16(BASE, false))],
  ['UTF-16 BE with BOM', Uint8Array.from(utf16(BASE, true))],
  ['two UTF-8 BOMs', cat([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], BASE)],
  ['empty input', new Uint8Array(0)],
];

describe('scanFlatCollection: null for anything unusual', () => {
  it('accepts the unmutated collection', () => {
    const fc = expectSame(enc(BASE));
    expect(fc.count).toBe(2);
    expect(fc.ids).toEqual([1, 'b']);
  });

  it.each(rejections)('%s', (_name, bytes) => {
    expect(bytes).not.toEqual(enc(BASE));
    let got: unknown;
    expect(() => {
      got = scanFlatCollection(bytes);
    }).not.toThrow();
    expect(got).toBeNull();
  });

  it('on every truncation of the collection', () => {
    const bytes = enc(BASE);
    const trimmed = BASE.trimEnd().length; // a cut in trailing whitespace would still be the whole collection
    for (let k = 0; k < trimmed; k++) expect(scanFlatCollection(bytes.subarray(0, k)), `cut at ${k}`).toBeNull();
  });

  it('never throws on random byte edits, and anything it accepts is exactly what JSON.parse gives', () => {
    const rnd = rng(99);
    const base = enc(BASE);
    const alphabet = enc(' \t\n{}[],:"\\-+.0123456789eEabnulltrux');
    let accepted = 0;
    for (let t = 0; t < 3000; t++) {
      const b = Array.from(base);
      for (let e = 1 + Math.floor(rnd() * 2); e > 0; e--) {
        const at = Math.floor(rnd() * b.length);
        const by = rnd() < 0.8 ? alphabet[Math.floor(rnd() * alphabet.length)] : Math.floor(rnd() * 256);
        const op = Math.floor(rnd() * 3);
        if (op === 0) b[at] = by;
        else if (op === 1) b.splice(at, 1);
        else b.splice(at, 0, by);
      }
      const bytes = Uint8Array.from(b);
      const fc = scanFlatCollection(bytes);
      if (fc === null) continue;
      accepted++;
      // accepted ⇒ the general path parses it too, to the same thing
      expect(diff(materialize(fc), reference(bytes))).toBe('');
    }
    // some edits keep the collection valid (a digit changed, whitespace added): the check above was exercised
    expect(accepted).toBeGreaterThan(50);
  });
});

describe('scanFlatCollection: per-call state', () => {
  /** A collection of n squares with string ids and attributes; `x0` makes two documents differ everywhere. */
  const doc = (n: number, x0: number): Uint8Array => {
    const features = Array.from({ length: n }, (_, i) => {
      const x = x0 + (i % 100) * 0.001;
      const y = 30 + Math.floor(i / 100) * 0.001;
      return {
        type: 'Feature',
        id: `f${x0}-${i}`,
        properties: { BSM: `${x0}-${i}`, DLBM: i % 2 ? '0101' : '0103' },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.0005, y], [x + 0.0005, y + 0.0005], [x, y + 0.0005], [x, y]]] },
      };
    });
    return enc(JSON.stringify({ type: 'FeatureCollection', name: `doc-${x0}`, features }));
  };

  it('scans run inside one another (interleaved) and give what each gives alone', () => {
    const a = doc(5000, 120);
    const b = doc(2100, 100);
    const aloneA = scanFlatCollection(a)!;
    const aloneB = scanFlatCollection(b)!;
    expect(aloneA.count).toBe(5000);
    expect(aloneB.count).toBe(2100);
    const inner: (FlatCollection | null)[] = [];
    const fractions: number[] = [];
    // every 1024 features of A, a whole scan of B runs in the middle of A's scan, with its own progress callback
    // starting yet another scan of A: three scans' states live at once
    const nested = scanFlatCollection(a, {
      onProgress: (f) => {
        fractions.push(f);
        inner.push(scanFlatCollection(b, { onProgress: () => void inner.push(scanFlatCollection(a)) }));
      },
    });
    expect(fractions.length).toBe(4);
    expect(fractions.every((f, i) => f > 0 && f < 1 && (i === 0 || f > fractions[i - 1]))).toBe(true);
    expect(nested).toEqual(aloneA);
    expect(inner.length).toBe(4 * 3);
    for (const r of inner) expect(r).toEqual(r?.count === 5000 ? aloneA : aloneB);
    expect(inner.filter((r) => r?.count === 2100)).toHaveLength(4);
  });

  it('a throwing progress callback makes that scan answer null and leaves others intact', () => {
    const a = doc(3000, 120);
    expect(scanFlatCollection(a, { onProgress: () => { throw new Error('stop'); } })).toBeNull();
    expect(scanFlatCollection(a)?.count).toBe(3000);
  });
});

describe('startFlatScan: a file fed as it arrives gives what scanFlatCollection gives for the whole', () => {
  /** Equal collections, typed arrays compared byte for byte (−0 and NaN bits included); both null counts as equal. */
  const expectSameScan = (got: FlatCollection | null, want: FlatCollection | null, what: string) => {
    if (want === null || got === null) {
      expect(got === null, what).toBe(want === null);
      return;
    }
    const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const k of Object.keys(want.store) as (keyof FlatCollection['store'])[]) expect(bytesOf(got.store[k]).equals(bytesOf(want.store[k])), `${what}: store.${k} differs`).toBe(true);
    expect({ ...got, store: undefined }, what).toStrictEqual({ ...want, store: undefined });
  };
  /**
   * Feed the prefixes ending at `cuts` (each a fresh copy, as a growing download buffer would be; views of the same
   * bytes for the big documents, where copying would be the test's whole cost), then finish.
   */
  const streamed = (bytes: Uint8Array, cuts: number[], size = bytes.length, copy = true): FlatCollection | null => {
    const scan = startFlatScan({ size });
    for (const c of cuts) scan.feed(copy ? bytes.slice(0, c) : bytes.subarray(0, c));
    return scan.finish(bytes);
  };
  const randomCuts = (n: number, seed: number, count: number): number[] => {
    const rnd = rng(seed);
    return Array.from({ length: count }, () => Math.floor(rnd() * (n + 1))).sort((a, b) => a - b);
  };

  it('cut after every byte, and fed the whole prefix again (the unmutated collection)', () => {
    const bytes = enc(BASE);
    const every = Array.from({ length: bytes.length + 1 }, (_, k) => k);
    const want = scanFlatCollection(bytes);
    expect(want).not.toBeNull();
    expectSameScan(streamed(bytes, every), want, 'every byte');
    expectSameScan(streamed(bytes, [...every, ...every]), want, 'twice');
    expectSameScan(streamed(bytes, [], 0), want, 'no feed, size unknown');
    // a BOM cut after its first or second byte
    const bom = cat([0xef, 0xbb, 0xbf], BASE);
    expectSameScan(streamed(bom, [1, 2, 3, 9]), scanFlatCollection(bom), 'BOM');
  });

  it('root members before "features" that are numbers, literals or nested, cut after every byte', () => {
    const ring = '[[116,40],[116.001,40],[116.001,40.001],[116,40]]';
    const doc = enc(
      `{"type":"FeatureCollection","xy_coordinate_resolution":1e-07,"n":-12.5,"t":true,"f":false,"z":null,"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":[${ring}]}}],"after":2e3}`,
    );
    const want = scanFlatCollection(doc);
    expect(want?.root.xy_coordinate_resolution).toBe(1e-7);
    expectSameScan(streamed(doc, Array.from({ length: doc.length + 1 }, (_, k) => k)), want, 'every byte');
    for (let k = 0; k <= doc.length; k++) expectSameScan(streamed(doc, [k]), want, `one cut at ${k}`);
  });

  it('one huge feature fed in thousands of pieces is read again only as its bytes double (and gives the same)', () => {
    const n = 100_000;
    const ring = Array.from({ length: n }, (_, k) => {
      const a = (2 * Math.PI * k) / n;
      return `[${(116 + 0.01 * Math.cos(a)).toFixed(9)},${(40 + 0.01 * Math.sin(a)).toFixed(9)}]`;
    });
    ring.push(ring[0]);
    const doc = enc(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}]}`);
    expect(doc.length).toBeGreaterThan(2_000_000);
    const want = scanFlatCollection(doc);
    expect(want?.store.xs.length).toBe(n + 1);
    // 4,000 pieces: re-reading the feature from its start on every one would scan ~4 GB; it reads ~log2(4000) times
    const scan = startFlatScan({ size: doc.length });
    let reads = 0;
    for (let k = 1; k <= 4000; k++) if (scan.feed(doc.subarray(0, Math.round((k * doc.length) / 4001)))) reads++;
    expect(reads).toBeLessThanOrEqual(14);
    expectSameScan(scan.finish(doc), want, '4000 pieces');
  });

  it('on 300 seeded random collections, cut at random places (size known or not)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const bytes = randomDocument(seed);
      const want = scanFlatCollection(bytes);
      expectSameScan(streamed(bytes, randomCuts(bytes.length, seed, 1 + (seed % 40)), seed % 2 ? bytes.length : 0), want, `seed ${seed}`);
    }
  });

  it('null wherever scanFlatCollection is null: every rejection, every truncation, random byte edits', () => {
    for (const [name, bytes] of rejections) expectSameScan(streamed(bytes, randomCuts(bytes.length, name.length, 12)), null, name);
    const base = enc(BASE);
    for (let k = 0; k < BASE.trimEnd().length; k++) {
      const cut = base.slice(0, k);
      expectSameScan(streamed(cut, Array.from({ length: k + 1 }, (_, j) => j)), null, `cut at ${k}`);
    }
    const rnd = rng(7);
    for (let t = 0; t < 1000; t++) {
      const b = Array.from(base);
      const at = Math.floor(rnd() * b.length);
      b[at] = Math.floor(rnd() * 256);
      const bytes = Uint8Array.from(b);
      expectSameScan(streamed(bytes, randomCuts(bytes.length, t, 8)), scanFlatCollection(bytes), `edit ${t}`);
    }
  });

  it('parses properties batch by batch as features arrive (more than 4 MB of them), with string ids', () => {
    const feats: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const props = i % 997 === 0 ? 'null' : JSON.stringify({ BSM: `23099900${i}`, DLMC: i % 3 ? '水田' : '旱地', note: 'x'.repeat(600 + (i % 13)) });
      feats.push(`{"type":"Feature","id":"f${i}","properties":${props},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}`);
    }
    const bytes = enc(`{"type":"FeatureCollection","features":[${feats.join(',')}],"name":"after"}`);
    const want = scanFlatCollection(bytes);
    expect(want?.count).toBe(12_000);
    const cuts = Array.from({ length: 200 }, (_, k) => Math.round(((k + 1) * bytes.length) / 201));
    expectSameScan(streamed(bytes, cuts, bytes.length, false), want, '200 pieces');
    // a property that is not valid JSON (a raw control character) makes the scan null however it arrives
    const bad = bytes.slice();
    bad[bytes.indexOf(0x78, bytes.length >> 1)] = 0x01;
    expect(scanFlatCollection(bad)).toBeNull();
    expectSameScan(streamed(bad, cuts, bad.length, false), null, 'bad property');
  });

  it('answers progress as it scans, and finish only once', () => {
    const bytes = randomDocument(3);
    const seen: number[] = [];
    const scan = startFlatScan({ size: bytes.length, onProgress: (f) => seen.push(f) });
    scan.feed(bytes.slice(0, bytes.length >> 1));
    expect(scan.finish(bytes)).not.toBeNull();
    expect(scan.finish(bytes)).toBeNull();
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
  });
});
