import { describe, expect, it } from 'vitest';
import { boundedId, FindingSink, locate, showText, showValue } from './messages';

describe('showText / showValue', () => {
  it('escapes control, bidi and separator characters and cuts long text', () => {
    expect(showText('a\u0000b\u001b[31m\u202e\u2028')).toBe('a\\u0000b\\u001b[31m\\u202e\\u2028');
    expect(showText('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(showText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
  it('describes values without walking them', () => {
    expect(showValue('0201')).toBe('"0201"');
    expect(showValue(1e308)).toBe('1e+308');
    expect(showValue(Number.NaN)).toBe('NaN');
    expect(showValue(null)).toBe('null');
    expect(showValue(new Array(1e6))).toBe('[数组 array(1000000)]');
    expect(showValue({ a: 1 })).toBe('{对象 object}');
  });
  it('bounds ids kept in structured findings', () => {
    expect(boundedId('a'.repeat(300))).toHaveLength(257);
    expect(boundedId('P1')).toBe('P1');
  });
});

describe('locate', () => {
  it('names file, feature, id and field in both languages', () => {
    expect(locate('f.geojson', { index: 3, id: 'P3', field: 'GDDJ' })).toEqual({
      zh: 'f.geojson 要素 3（id P3）字段 GDDJ',
      en: 'f.geojson feature 3 (id P3) field GDDJ',
    });
    expect(locate('f.geojson', { index: 3, field: 'GDDJ' }).zh).toBe('f.geojson 要素 3 字段 GDDJ');
    expect(locate('f.geojson')).toEqual({ zh: 'f.geojson', en: 'f.geojson' });
  });
});

describe('FindingSink', () => {
  it('fills structured fields and formats zh / en', () => {
    const s = new FindingSink('a.geojson');
    s.add('error', 'attr.gddj', '超出', 'out of range', { index: 2, id: 'X', field: 'GDDJ' });
    expect(s.finish()).toEqual([
      {
        severity: 'error',
        code: 'attr.gddj',
        message: 'a.geojson 要素 2（id X）字段 GDDJ：超出 / a.geojson feature 2 (id X) field GDDJ: out of range',
        file: 'a.geojson',
        featureIndex: 2,
        featureId: 'X',
        field: 'GDDJ',
      },
    ]);
  });
  it('builds lazy messages only for kept findings, but counts them all', () => {
    const s = new FindingSink('a', 2);
    let built = 0;
    for (let i = 0; i < 10; i++)
      s.addLazy('warning', 'w', () => {
        built++;
        return { zh: 'z', en: 'e' };
      }, { index: i });
    expect(built).toBe(2);
    expect(s.count('w')).toBe(10);
    expect(s.finish().at(-1)?.message).toContain('10 findings of w');
  });

  it('caps each code and ends with a summary per capped code', () => {
    const s = new FindingSink('a', 3);
    for (let i = 0; i < 10; i++) s.add('error', 'x', 'zh', 'en', { index: i });
    for (let i = 0; i < 2; i++) s.add('warning', 'y', 'zh', 'en', { index: i });
    expect(s.wants('x')).toBe(false);
    expect(s.wants('y')).toBe(true);
    expect(s.count('x')).toBe(10);
    const out = s.finish();
    expect(out).toHaveLength(3 + 2 + 1);
    expect(out[5]).toMatchObject({ severity: 'error', code: 'x' });
    expect(out[5].message).toContain('10 findings of x; the first 3 are listed, 7 more not shown');
  });
});
