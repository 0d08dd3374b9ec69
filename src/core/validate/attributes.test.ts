import { describe, expect, it } from 'vitest';
import type { LayerKind } from '../types';
import { attrNumber, attrString, checkAttributes, FieldResolver, isBlank, MissingDlbm } from './attributes';
import { readAttrs } from '../layers/fields';
import { checkDeclaredArea } from './declaredArea';
import { FindingSink } from './messages';

function run(props: Record<string, unknown>, kind?: LayerKind) {
  const sink = new FindingSink('a.geojson');
  const missing = new MissingDlbm();
  checkAttributes(props, new FieldResolver().resolve(props), kind, { index: 1, id: 'P1' }, sink, missing);
  missing.report(sink);
  return sink.finish();
}

describe('checkAttributes', () => {
  it('accepts good values, numeric text and blanks', () => {
    expect(run({ DLBM: '0101', GDPDJB: 1, GDDJ: '10', GDDB: 15, TBMJ: '123.4', KCXS: 0.08 }, 'cultivated')).toEqual([]);
    expect(run({ DLBM: '013', GDPDJB: '5', GDDJ: null, GDDB: '' }, 'cultivated')).toEqual([]);
  });

  it.each([
    [{ GDPDJB: 6 }, 'attr.gdpdjb', 'GDPDJB', 'slope class 6 is out of range (expected an integer 1–5)'],
    [{ GDPDJB: 0 }, 'attr.gdpdjb', 'GDPDJB', 'slope class 0 is out of range'],
    [{ GDPDJB: 2.5 }, 'attr.gdpdjb', 'GDPDJB', '2.5 is out of range'],
    [{ GDDJ: 0 }, 'attr.gddj', 'GDDJ', 'quality grade 0 is out of range (expected an integer 1–10)'],
    [{ GDDJ: 11 }, 'attr.gddj', 'GDDJ', 'quality grade 11'],
    [{ zldj: '一等' }, 'attr.gddj', 'zldj', 'quality grade "一等" is not a number'],
    [{ quality_grade: true }, 'attr.gddj', 'quality_grade', 'quality grade true is not a number'],
    [{ GDDB: 16 }, 'attr.gddb', 'GDDB', 'quality rank 16 is out of range (expected an integer 1–15)'],
    [{ GDDB: -1 }, 'attr.gddb', 'GDDB', 'quality rank -1'],
    [{ GDDB: [3] }, 'attr.gddb', 'GDDB', 'quality rank [数组 array(1)] is not a number'],
    [{ TBMJ: -1 }, 'attr.tbmj', 'TBMJ', 'parcel area -1 is not a non-negative number'],
    [{ YJJBNTTBMJ: 'n/a' }, 'attr.yjjbnttbmj', 'YJJBNTTBMJ', '"n/a"'],
    [{ KCXS: 1 }, 'attr.kcxs', 'KCXS', 'deduction coefficient 1 should be a number from 0 to below 1'],
  ])('%j → %s', (props, code, field, message) => {
    const out = run(props as Record<string, unknown>);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ severity: 'error', code, field, featureIndex: 1, featureId: 'P1' });
    expect(out[0].message).toContain(message);
    expect(out[0].message).toContain(`field ${field}`);
  });

  it('checks DLBM only for the cultivated kind', () => {
    expect(run({ DLBM: '0201' })).toEqual([]);
    expect(run({ DLBM: '0201' }, 'permanent-basic')).toEqual([]);
    const out = run({ dlbm: '0201' }, 'cultivated');
    expect(out[0]).toMatchObject({ code: 'attr.dlbm', field: 'dlbm' });
    expect(out[0].message).toContain('land-use code "0201" is not cultivated land');
    expect(run({ DLBM: 101 }, 'cultivated')[0].code).toBe('attr.dlbm');
    expect(run({ DLBM: { x: 1 } }, 'cultivated')[0].code).toBe('attr.dlbm');
  });

  it('summarises cultivated features without DLBM in one warning', () => {
    const sink = new FindingSink('a');
    const missing = new MissingDlbm();
    for (let i = 0; i < 5; i++) checkAttributes({ BSM: `p${i}` }, {}, 'cultivated', { index: i }, sink, missing);
    missing.report(sink);
    const out = sink.finish();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ severity: 'warning', code: 'attr.dlbm-missing' });
    expect(out[0].message).toContain('5 feature(s) of a cultivated layer have no DLBM (first: feature 0)');
  });
});

describe('value readers', () => {
  it('read like layers/fields.ts', () => {
    expect(attrString('  P1 ')).toBe('P1');
    expect(attrString(12)).toBe('12');
    expect(attrString(Number.NaN)).toBeUndefined();
    expect(attrString({})).toBeUndefined();
    expect(attrNumber(' 3 ')).toBe(3);
    expect(attrNumber('3a')).toBeUndefined();
    expect(attrNumber('1e999')).toBeUndefined();
    expect(isBlank(' ')).toBe(true);
    expect(isBlank(0)).toBe(false);
  });
});

describe('FieldResolver', () => {
  it('resolves once per key set and still answers per key set', () => {
    const r = new FieldResolver();
    expect(r.resolve({ bsm: 1, GDDJ: 2 })).toMatchObject({ id: 'bsm', gddj: 'GDDJ' });
    expect(r.resolve({ bsm: 9, GDDJ: 8 })).toBe(r.resolve({ bsm: 1, GDDJ: 2 }));
    expect(r.resolve({ ZLDJ: 2 })).toMatchObject({ gddj: 'ZLDJ' });
  });
});

describe('checkAttributes and checkDeclaredArea with the parcel attributes at hand', () => {
  it('find exactly what they find reading every field, on random values of every field', () => {
    let seed = 21;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const values = [undefined, null, '', ' ', 0, -0, 1, 2.5, -3, 5, 10, 11, 15, 16, 0.5, 1, '7', ' 3 ', 'abc', true, [2], {}, '0101', '011', '0201', 'constructor', 1e308, 123.4, -1e-9];
    const fieldsOf = ['DLBM', 'land_use_code', 'GDPDJB', 'PDJB', 'GDDJ', 'ZLDJ', 'GDDB', 'TBMJ', 'MJ', 'YJJBNTTBMJ', 'YJJBNTMJ', 'KCXS', 'bsm'];
    const kinds: (LayerKind | undefined)[] = ['cultivated', 'permanent-basic', undefined, 'eco-redline'];
    for (let trial = 0; trial < 3000; trial++) {
      const props: Record<string, unknown> = {};
      for (const f of fieldsOf) if (rnd() < 0.5) props[f] = values[Math.floor(rnd() * values.length)];
      const kind = kinds[trial % kinds.length];
      const computed = rnd() < 0.5 ? 100 : 123.4;
      const findings = (withAttrs: boolean) => {
        const sink = new FindingSink('a.geojson');
        const missing = new MissingDlbm();
        const fields = new FieldResolver().resolve(props);
        const attrs = withAttrs ? readAttrs(props) : undefined;
        checkAttributes(props, fields, kind, { index: 1, id: 'P1' }, sink, missing, attrs);
        checkDeclaredArea(props, fields, kind, computed, { index: 1, id: 'P1' }, sink, 0.01, attrs);
        missing.report(sink);
        return sink.finish();
      };
      expect(findings(true), JSON.stringify(props)).toEqual(findings(false));
    }
  });
});

describe('DLBM that names an Object.prototype member', () => {
  it('is not cultivated land', () => {
    for (const code of ['constructor', 'toString']) expect(run({ DLBM: code }, 'cultivated').map((f) => f.code)).toEqual(['attr.dlbm']);
  });
});
