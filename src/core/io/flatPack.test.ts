import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FlatCollection, scanFlatCollection } from './flatGeojson';
import { diff, enc, materialize, randomDocument, reference } from './flatGeojson.testutil';
import { isPack } from './flatPack';
import { readPack } from './flatPackRead';
import { writePack } from './flatPackWrite';
import { rng } from '../../../test/bench/browser/genParcels';

const demo = (f: string) => new Uint8Array(readFileSync(join(__dirname, '../../../data/demo', f)));

/** Pack the scan of `bytes`, read it back, and expect exactly what the scan (and JSON.parse) gave. */
function roundTrip(bytes: Uint8Array, shared = false): { fc: FlatCollection; pack: Uint8Array; back: FlatCollection } {
  const fc = scanFlatCollection(bytes) as FlatCollection;
  expect(fc, 'the scan took the document').not.toBeNull();
  const pack = writePack(fc, { at: '2026-12-07T00:00:00Z', by: 'test' });
  expect(isPack(pack)).toBe(true);
  const got = readPack(pack, { shared });
  if ('error' in got) throw new Error(got.error);
  expect(diff(materialize(got), reference(bytes))).toBe('');
  for (const k of ['xs', 'ys', 'ringStart', 'partStart', 'featurePart', 'bbox'] as const) {
    expect(got.store[k].length, k).toBe(fc.store[k].length);
    for (let i = 0; i < fc.store[k].length; i++) if (!Object.is(got.store[k][i], fc.store[k][i])) expect.fail(`${k}[${i}]: ${got.store[k][i]} vs ${fc.store[k][i]}`);
  }
  expect([...got.store.multi]).toEqual([...fc.store.multi]);
  // names in the same order, as JSON.parse made them (diff compares sorted keys)
  for (let i = 0; i < fc.count; i++) {
    const a = fc.properties[i];
    expect(a === null ? null : Object.keys(a), `feature ${i}`).toEqual(got.properties[i] === null ? null : Object.keys(got.properties[i] as object));
  }
  return { fc, pack, back: got };
}

describe('writePack → readPack: what the GeoJSON scan gives, exactly', () => {
  it('on hand-written edge cases (ids, −0, __proto__, nulls, escapes, holes, MultiPolygons, root members)', () => {
    const ring = '[[116,40],[116.001,40],[116.001,40.001],[116,40]]';
    const docs = [
      `{"type":"FeatureCollection","name":"a}\\"[b","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"__proto__":{"p":[1]},"1":"one","features":[
        {"id":"a\\"b","type":"Feature","properties":{"\\u4e2d":"耕地","__proto__":"p","b":-0,"d":123456789012345678,"f":5e-324,"i":true,"j":false,"k":null,"s":"","2":"two"},"geometry":{"type":"Polygon","coordinates":[${ring}]}},
        {"id":-0,"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[2,2]]],[[[-180,-90],[180,-90],[180,90],[-180,-90]]]]}},
        {"id":1.5e3,"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-0,-0.0],[1.2e1,0],[125E-1,1.5E+1],[0.1,89.99999999999999],[-0,0]]]}},
        {"type":"Feature","properties":{"b":1,"2":"x","a":"y"},"geometry":{"type":"Polygon","coordinates":[${ring}]}}]}`,
      '{"type":"FeatureCollection","features":[]}',
    ];
    for (const d of docs) roundTrip(enc(d));
  });

  it('on 300 seeded random collections', () => {
    let features = 0;
    for (let seed = 1; seed <= 300; seed++) features += roundTrip(randomDocument(seed)).fc.count;
    expect(features).toBeGreaterThan(600);
  });

  it('keeps the demo 耕地 layer’s positions as 7-decimal integers: a fraction of the GeoJSON’s bytes', () => {
    const bytes = demo('cultivated.geojson');
    const { pack, back } = roundTrip(bytes);
    expect(back.count).toBeGreaterThan(1000);
    expect(pack.length).toBeLessThan(bytes.length / 4);
    const header = JSON.parse(new TextDecoder().decode(pack.subarray(12, 12 + new DataView(pack.buffer).getUint32(8, true))));
    expect(header.decimals).toBe(7);
    expect(header.written).toEqual({ at: '2026-12-07T00:00:00Z', by: 'test' });
  });

  it('keeps doubles as they are when no 12 decimals give them back (reprojected positions), and −0 exactly', () => {
    const r = rng(3);
    const ring = () => {
      const x = 100 + r();
      const y = 30 + r();
      return `[[${x},${y}],[${x + 0.001 * r()},${y}],[${x},${y + 0.001 * r()}],[${x},${y}]]`;
    };
    const doc = `{"type":"FeatureCollection","features":[${Array.from({ length: 50 }, () => `{"type":"Feature","properties":{"n":${r()}},"geometry":{"type":"Polygon","coordinates":[${ring()}]}}`).join(',')}]}`;
    const { pack } = roundTrip(enc(doc));
    expect(JSON.parse(new TextDecoder().decode(pack.subarray(12, 12 + new DataView(pack.buffer).getUint32(8, true)))).decimals).toBeNull();
    const minus = roundTrip(enc('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-0,1],[1,1],[1,2],[-0,1]]]}}]}'));
    expect(Object.is(minus.back.store.xs[0], -0)).toBe(true);
  });

  it('keeps fixed-width digit strings (BSM) as numbers, leading zeros and all; other strings as JSON', () => {
    const feat = (props: Record<string, unknown>, i: number) => `{"type":"Feature","properties":${JSON.stringify(props)},"geometry":{"type":"Polygon","coordinates":[[[${100 + i * 0.01},30],[${100.005 + i * 0.01},30],[${100 + i * 0.01},30.005],[${100 + i * 0.01},30]]]}}`;
    const bsm = ['000000000000001', '999999999999999', '000000000000000', '230999000000004', '230999000000003', '012345678901234'];
    const prefixed = ['J2309991012010000001', 'J2309991012010000000', 'J2309991012019999999', 'J2309991012010100009'];
    const doc = (xs: string[]) => enc(`{"type":"FeatureCollection","features":[${xs.map((b, i) => feat({ BSM: b, other: `${b}x` }, i)).join(',')}]}`);
    const { pack } = roundTrip(doc(bsm));
    const header = JSON.parse(new TextDecoder().decode(pack.subarray(12, 12 + new DataView(pack.buffer).getUint32(8, true))));
    const bsmCol = Object.values(header.columns as Record<string, { digits?: number; strings?: string }>);
    expect(bsmCol.map((c) => c.digits)).toEqual([15, undefined]);
    // a common start (J230999101201…) and 7 digits that vary
    const p2 = roundTrip(doc(prefixed)).pack;
    const h2 = JSON.parse(new TextDecoder().decode(p2.subarray(12, 12 + new DataView(p2.buffer).getUint32(8, true))));
    expect(Object.values(h2.columns as Record<string, { digits?: number; digitPrefix?: string }>)[0]).toMatchObject({ digits: 7, digitPrefix: 'J230999101201' });
    // (a common start may be anything: '-1', '-2' are '-' then one digit, and round-trip)
    roundTrip(doc(['-1', '-2']));
    roundTrip(doc([' 1', ' 2']));
    // widths differ; a tail that is not digits; 16 digits after the common start: JSON
    for (const odd of [['1', '22'], ['1a', '2b'], ['a1234567890123456', 'a2234567890123457']]) {
      const h = (() => {
        const p = roundTrip(doc(odd)).pack;
        return JSON.parse(new TextDecoder().decode(p.subarray(12, 12 + new DataView(p.buffer).getUint32(8, true))));
      })();
      expect(Object.values(h.columns as Record<string, { digits?: number }>).map((c) => c.digits)).toEqual([undefined, undefined]);
    }
  });

  it('digit strings after any common start come back exactly: commas, quotes, CJK, escapes, one row, many', () => {
    const feat = (props: Record<string, unknown>, i: number) => `{"type":"Feature","properties":${JSON.stringify(props)},"geometry":{"type":"Polygon","coordinates":[[[${100 + i * 0.01},30],[${100.005 + i * 0.01},30],[${100 + i * 0.01},30.005],[${100 + i * 0.01},30]]]}}`;
    const doc = (xs: string[]) => enc(`{"type":"FeatureCollection","features":[${xs.map((b, i) => feat({ BSM: b }, i)).join(',')}]}`);
    const header = (pack: Uint8Array) => JSON.parse(new TextDecoder().decode(pack.subarray(12, 12 + new DataView(pack.buffer).getUint32(8, true))));
    for (const start of ['A,B', '村', '"\\', 'x\n', '2309991012010']) {
      const xs = ['0000007', '1234567', '0000000', '9999999'].map((d) => start + d);
      const { pack, back } = roundTrip(doc(xs));
      expect(Object.values(header(pack).columns as Record<string, { digitPrefix?: string }>)[0].digitPrefix, start).toBe(start);
      expect(Array.from({ length: xs.length }, (_, i) => back.rows?.row(i)?.BSM)).toEqual(xs);
    }
    roundTrip(doc(['J1']));
    const many = Array.from({ length: 3000 }, (_, i) => `J2309991012${String((i * 7919) % 100000).padStart(9, '0')}`);
    const { back } = roundTrip(doc(many));
    expect(Array.from({ length: many.length }, (_, i) => back.rows?.row(i)?.BSM)).toEqual(many);
  });

  it('in shared memory when asked: every store array a SharedArrayBuffer view, the same values', () => {
    const { back } = roundTrip(demo('permanent-basic.geojson'), true);
    for (const k of ['xs', 'ys', 'ringStart', 'partStart', 'featurePart', 'bbox'] as const) expect(back.store[k].buffer, k).toBeInstanceOf(SharedArrayBuffer);
  });

  it('refuses a root member JSON would change (−0, 1e400), naming it', () => {
    const fc = scanFlatCollection(enc('{"type":"FeatureCollection","bbox":[-0,1e400],"features":[]}')) as FlatCollection;
    expect(() => writePack(fc)).toThrow(/the collection\.bbox\.0 holds -0: a pack keeps the collection's own members as JSON/);
  });

  it('refuses a property that is not flat, naming it', () => {
    const fc = scanFlatCollection(demo('cultivated.geojson')) as FlatCollection;
    (fc.properties[3] as Record<string, unknown>).DLMC = { nested: 1 };
    expect(() => writePack(fc)).toThrow(/value 4 is object: a pack holds flat properties only/);
  });
});

describe('readPack on damaged or hostile packs: an error saying what, never a throw or a wrong layer', () => {
  const small = writePack(scanFlatCollection(randomDocument(12)) as FlatCollection);
  const okBack = readPack(small) as FlatCollection;

  it('on every truncation', () => {
    for (let k = 0; k < small.length; k++) {
      const r = readPack(small.subarray(0, k));
      // zero padding at the very end may be cut without loss; anything shorter than the last section is an error
      if (!('error' in r)) expect(diff(materialize(r), materialize(okBack)), `cut at ${k}`).toBe('');
    }
    expect(readPack(small.subarray(0, 20))).toEqual({ error: expect.stringMatching(/cut off|header/) });
  });

  it('on random byte edits: an error, or a collection the scanner’s rules hold for', () => {
    const r = rng(5);
    let errors = 0;
    for (let t = 0; t < 1500; t++) {
      const b = small.slice();
      for (let e = 1 + Math.floor(r() * 3); e > 0; e--) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      const got = readPack(b);
      if ('error' in got) {
        errors++;
        expect(typeof got.error).toBe('string');
        continue;
      }
      const s = got.store;
      expect(s.featurePart[got.count]).toBe(s.partStart.length - 1);
      expect(s.ringStart[s.ringStart.length - 1]).toBe(s.xs.length);
      for (let q = 0; q < s.xs.length; q++) expect(Math.abs(s.xs[q]) <= 180 && Math.abs(s.ys[q]) <= 90).toBe(true);
    }
    expect(errors).toBeGreaterThan(100);
  });

  it('refuses counts the bytes cannot hold before allocating them', () => {
    const hostile = (edit: (h: Record<string, unknown>) => void): Uint8Array => {
      const hl = new DataView(small.buffer).getUint32(8, true);
      const h = JSON.parse(new TextDecoder().decode(small.subarray(12, 12 + hl))) as Record<string, unknown>;
      edit(h);
      const head = enc(JSON.stringify(h));
      let start = 12 + head.length;
      start += (8 - (start % 8)) % 8;
      let old = 12 + hl;
      old += (8 - (old % 8)) % 8;
      const out = new Uint8Array(start + small.length - old);
      out.set(small.subarray(0, 8));
      new DataView(out.buffer).setUint32(8, head.length, true);
      out.set(head, 12);
      out.set(small.subarray(old), start);
      return out;
    };
    expect(readPack(hostile(() => undefined))).toEqual(okBack);
    expect(readPack(hostile((h) => (h.count = 3e9)))).toEqual({ error: expect.stringMatching(/count \(3000000000\) is not a count/) });
    expect(readPack(hostile((h) => (h.count = 2e9)))).toEqual({ error: expect.stringMatching(/cannot hold 2000000000/) });
    expect(readPack(hostile((h) => (h.positions = 1e8)))).toEqual({ error: expect.stringMatching(/cannot hold|do not fit/) });
    expect(readPack(hostile((h) => (h.version = 9)))).toEqual({ error: expect.stringMatching(/version 9/) });
    expect(readPack(hostile((h) => ((h.root as Record<string, unknown>).type = 'Feature')))).toEqual({ error: expect.stringMatching(/FeatureCollection/) });
    expect(readPack(hostile((h) => (h.shapes = [['a', 'a']])))).toEqual({ error: expect.stringMatching(/distinct names/) });
    // a shape no feature has, naming a field with no column: read as if it were not listed (it was a TypeError)
    const extra = readPack(hostile((h) => (h.shapes = [...(h.shapes as string[][]), ['no such field']])));
    if ('error' in extra) throw new Error(extra.error);
    expect(diff(materialize(extra), materialize(okBack))).toBe('');
  });
});
