import { describe, expect, it } from 'vitest';
import { hashBytes, PropertiesParser } from './propertiesParser';
import { rng } from '../../../test/bench/browser/genParcels';

const enc = (s: string) => new TextEncoder().encode(s);
const reference = (b: Uint8Array): unknown => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b));

/** Own members as [key, value] pairs in order (Object.is for -0), and the prototype: what "the same object" means. */
function shape(o: unknown): unknown {
  if (o === null || typeof o !== 'object') return o;
  return {
    proto: Object.getPrototypeOf(o) === Object.prototype,
    members: Reflect.ownKeys(o).map((k) => {
      const d = Object.getOwnPropertyDescriptor(o, k)!;
      const v: unknown = d.value;
      return [k, typeof v === 'number' && Object.is(v, -0) ? '-0' : v, d.enumerable, d.writable, d.configurable];
    }),
  };
}

/** Parse each text with one parser (its tables carried from one object to the next) and compare with JSON.parse. */
function expectSame(texts: string[]): void {
  const p = new PropertiesParser();
  for (const t of texts) {
    const b = enc(`  ${t}  `);
    const e = b.length - 2;
    expect(shape(p.parse(b, 2, e)), t).toEqual(shape(reference(b.subarray(2, e))));
  }
}

/** What each throws: the same class of error, or both nothing. */
function errorOf(f: () => unknown): string {
  try {
    f();
    return 'none';
  } catch (e) {
    return (e as Error).constructor.name;
  }
}

describe('PropertiesParser', () => {
  it('reads flat 三调 attributes exactly as JSON.parse', () => {
    expectSame([
      '{"BSM":"230999000000001","DLBM":"0102","DLMC":"水浇地","GDDJ":10,"GDPDJB":1,"ZLDWDM":"2309991012010000000","ZLDWMC":"东风1村","TBMJ":4760.98}',
      '{"BSM":"230999000000002","DLBM":"0102","DLMC":"水浇地","GDDJ":5,"GDPDJB":1,"ZLDWDM":"2309991012010000000","ZLDWMC":"东风1村","TBMJ":2186.72}',
      '{}',
      '{ }',
      '{\n\t"a" :\r 1 , "b":true,"c":false,"d":null,"e":"" }',
      // the same names in another order, fewer and more of them, one repeated (the last value wins, first place)
      '{"DLMC":"旱地","BSM":"x"}',
      '{"a":1,"a":2,"b":3,"a":4}',
      // integer-like names come first, as in every JS object
      '{"z":1,"10":2,"2":3,"-1":4,"01":5}',
      // an own __proto__ member, not the prototype
      '{"__proto__":{"polluted":1}}',
      '{"__proto__":"x","constructor":"y","toString":1}',
    ]);
  });

  it('reads numbers as JSON.parse rounds them', () => {
    const nums = [
      '0', '-0', '1', '-1', '0.5', '-0.0', '123456789012345678901234567890', '9007199254740993', '9007199254740992.5',
      '0.1', '0.3', '1e3', '1E-3', '-2.5e+10', '4.9e-324', '1e400', '-1e400', '0.0000000000000000000001',
      '0.00000000000000000000001', '1.7976931348623157e308', '3.141592653589793238462643383279', '127.2080201',
      '45.60005760000000000001', '4760.98', '2186.72',
    ];
    expectSame(nums.map((n) => `{"v":${n}}`));
    // random decimals with 1–20 fraction digits
    const r = rng(7);
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const int = Math.floor(r() * 10 ** Math.floor(r() * 9));
      const digits = 1 + Math.floor(r() * 20);
      let frac = '';
      for (let k = 0; k < digits; k++) frac += Math.floor(r() * 10);
      texts.push(`{"v":${r() < 0.3 ? '-' : ''}${int}.${frac}}`);
    }
    expectSame(texts);
  });

  it('reads strings with escapes, non-ASCII and astral characters as JSON.parse', () => {
    expectSame([
      String.raw`{"a":"x\"y","b":"\\","c":"\u6c34\u7530","d":"\n\t\/","e":"\ud83c\udf3e"}`,
      String.raw`{"k\u0041":"v","名称":"值","a b":"🌾 稻"}`,
      '{"long":"' + '东'.repeat(300) + '","ascii":"' + 'x'.repeat(300) + '"}',
      '{"big":"' + 'ab'.repeat(200_000) + '","mid":"' + 'y'.repeat(40) + '"}',
      '{"s":"0123456789abc","t":"0123456789abcdefghijklmnop"}',
      // Chinese field names, as some exports carry them, on several features
      '{"标识码":"230999000000001","地类名称":"水田","图斑面积":12.5}',
      '{"标识码":"230999000000002","地类名称":"旱地","图斑面积":7}',
      '{"地类名称":"旱地","标识码":"230999000000003"}',
    ]);
  });

  it('shares one copy of a repeated value while keeping values right when a field stops repeating', () => {
    const p = new PropertiesParser();
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(`{"BSM":"${100000000000 + i}","ZLDWDM":"230999101201000000${i % 3}","MC":"村${i % 3}"}`);
    const out = texts.map((t) => {
      const b = enc(t);
      return p.parse(b, 0, b.length);
    });
    for (let i = 0; i < out.length; i++) expect(out[i]).toEqual(JSON.parse(texts[i]));
    // values are strings either way; equal ones are equal — and a field that repeats keeps all its values right
    expect(new Set(out.map((o) => o.ZLDWDM)).size).toBe(3);
    expect(new Set(out.map((o) => o.BSM)).size).toBe(3000);
  });

  it('tells equal-hash but different byte values apart', () => {
    // two values with the same FNV-1a hash and length (found by a birthday search): only their bytes differ
    const a = enc('v0016vu');
    const b = enc('v00cyea');
    expect(hashBytes(a, 0, a.length)).toBe(hashBytes(b, 0, b.length));
    expectSame(['{"c":"v0016vu"}', '{"c":"v00cyea"}', '{"c":"v0016vu"}', '{"c":"v00cyea"}']);
    // many short values of one field: collisions in the table are compared by bytes
    const texts: string[] = [];
    for (let i = 0; i < 200; i++) for (let j = 0; j < 3; j++) texts.push(`{"c":"${String.fromCharCode(65 + (i % 26))}${i}"}`);
    expectSame(texts);
  });

  it('fails where JSON.parse fails (bad syntax, control characters, bad UTF-8), with the same kind of error', () => {
    const bad: (string | Uint8Array)[] = [
      '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":-}', '{"a":1e}', '{"a":+1}', '{"a":tru}', '{"a":nul}', '{"a" 1}',
      '{"a":1,}', '{,}', '{"a":"x\ny"}', '{"a":"\u0001"}', '{a:1}', "{'a':1}", '{"a":NaN}', '{"a":"\\x"}',
      Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // invalid UTF-8 in a value
      Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), // in a name
    ];
    for (const t of bad) {
      const b = typeof t === 'string' ? enc(t) : t;
      const ours = errorOf(() => new PropertiesParser().parse(b, 0, b.length));
      expect(ours, typeof t === 'string' ? t : String(t)).toBe(errorOf(() => reference(b)));
      expect(ours).not.toBe('none');
    }
  });

  it('a valid UTF-8 value after a table hit of the same field stays exact (bytes compared, not only hashes)', () => {
    expectSame(['{"m":"东风1村"}', '{"m":"东风2村"}', '{"m":"东风1村"}', '{"m":"东风1村 "}']);
  });
});

describe('PropertiesParser, found in review', () => {
  it('keeps a string’s own leading U+FEFF (a BOM-born "\\uFEFFBSM" name from a CSV), as JSON.parse does', () => {
    expectSame(['{"a":"\uFEFFx"}', '{"a":"\uFEFF"}', '{"\uFEFFk":1}', '{"k":1,"\uFEFFk":2}', '{"\uFEFFBSM":"1","DLMC":"\uFEFF水田"}']);
  });

  it('stays exact when every object brings names of its own (more than it keeps tables for)', () => {
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(`{"f${i}":"v${i % 7}","DLBM":"010${i % 3}","g${i}":${i}}`);
    expectSame(texts);
  });
});
