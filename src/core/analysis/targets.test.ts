import { describe, expect, it } from 'vitest';
import { MU_M2 } from '../../../test/helpers/lonlatCells';
import { evaluateTargets, NATIONAL_TARGETS, parseTargets, targetLine } from './targets';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseTargets', () => {
  it('reads CSV with a BOM, CRLF, quoted names, Chinese level names and zero-padded codes', () => {
    const text = '\uFEFFcode,name,level,cultivated_mu,permanent_basic_mu\r\n330102,"上城区, 杭州",county,"1,200.5",1000\r\n330102101000,甲街道,乡镇,300,\r\n';
    const r = parseTargets(enc(text), 'targets.csv');
    expect(r.findings).toEqual([]);
    expect(r.table.regions).toEqual([
      { code: '330102', name: '上城区, 杭州', level: 'county', cultivatedMu: 1200.5, permanentBasicMu: 1000, row: 1 },
      { code: '330102101', name: '甲街道', level: 'township', cultivatedMu: 300, row: 2 },
    ]);
  });

  it('reads CSV without a BOM, columns in any order', () => {
    const r = parseTargets('level,code,permanent_basic_mu,cultivated_mu,name\nvillage,330102101001,5,8,某村\n', 't.csv');
    expect(r.table.regions[0]).toMatchObject({ code: '330102101001', level: 'village', cultivatedMu: 8, permanentBasicMu: 5 });
  });

  it('reads JSON {"regions":[…]} with numbers or strings', () => {
    const r = parseTargets(
      JSON.stringify({ regions: [{ code: '230102', name: '道里区', level: 'county', cultivated_mu: 500000, permanent_basic_mu: '400000' }, { code: 230103, name: '南岗区', level: 'county', cultivated_mu: 1 }] }),
      'targets.json',
    );
    expect(r.findings).toEqual([]);
    expect(r.table.regions.map((x) => [x.code, x.cultivatedMu, x.permanentBasicMu])).toEqual([
      ['230102', 500000, 400000],
      ['230103', 1, undefined],
    ]);
  });

  it('bad rows become findings naming file, row and field, and are left out; never throws', () => {
    const text = [
      'code,name,level,cultivated_mu,permanent_basic_mu',
      '33010,短码,county,1,1', // row 1: code
      '330102,x,province,1,1', // row 2: level
      '330102,x,county,abc,1', // row 3: cultivated_mu
      '330102,x,county,-5,1', // row 4: negative
      '330102101,x,county,1,1', // row 5: level/length mismatch
      '330102,ok,county,10,20', // row 6: ok but permanent-basic > cultivated → warning
      '330102,dup,county,1,1', // row 7: duplicate
      '330105,empty,county,,', // row 8: both empty
    ].join('\n');
    const r = parseTargets(text, 'bad.csv');
    expect(r.table.regions.map((x) => x.name)).toEqual(['ok']);
    const got = r.findings.map((f) => [f.severity, f.featureIndex, f.field]);
    expect(got).toEqual([
      ['error', 1, 'code'],
      ['error', 2, 'level'],
      ['error', 3, 'cultivated_mu'],
      ['error', 4, 'cultivated_mu'],
      ['error', 5, 'code'],
      ['warning', 6, 'permanent_basic_mu'],
      ['error', 7, 'code'],
      ['error', 8, 'cultivated_mu'],
    ]);
    for (const f of r.findings) {
      expect(f.file).toBe('bad.csv');
      expect(f.message).toContain(`bad.csv 第 ${f.featureIndex} 行`);
    }
  });

  it('whole-file problems: empty, missing header, broken JSON, no regions, binary', () => {
    for (const [text, code] of [
      ['', 'targets.format'],
      ['a,b,c\n1,2,3\n', 'targets.header'],
      ['{"regions": [', 'targets.format'],
      ['{"x": 1}', 'targets.regions'],
      ['{"regions": [null, 3]}', 'targets.region'],
      ['\u0000\u0001\u0002', 'targets.header'],
    ] as const) {
      const r = parseTargets(text, 'f');
      expect(r.table.regions).toEqual([]);
      expect(r.findings[0].code).toBe(code);
    }
  });
});

describe('evaluateTargets', () => {
  it('gap and surplus arithmetic', () => {
    const short = targetLine('cultivated', 1000, 900 * MU_M2);
    expect(short.achievedMu).toBeCloseTo(900, 9);
    expect(short.balanceMu).toBeCloseTo(-100, 9);
    expect(short.gapMu).toBeCloseTo(100, 9);
    expect(short.surplusMu).toBe(0);
    expect(short.ratio).toBeCloseTo(0.9, 12);
    expect(short.status).toBe('short');
    expect(short.targetShareOfNational).toBe(1000 / 1.865e9);
    const over = targetLine('permanent-basic', 1000, 1250 * MU_M2);
    expect(over.surplusMu).toBeCloseTo(250, 9);
    expect(over.gapMu).toBe(0);
    expect(over.ratio).toBeCloseTo(1.25, 12);
    expect(over.status).toBe('met');
    expect(over.achievedShareOfNational).toBeCloseTo(1250 / 1.546e9, 18);
    expect(targetLine('cultivated', 0, 5 * MU_M2).ratio).toBeNull();
  });

  it('national figures are built in', () => {
    expect(NATIONAL_TARGETS).toEqual({ cultivatedMu: 1_865_000_000, permanentBasicMu: 1_546_000_000 });
    const e = evaluateTargets(undefined, { cultivated: { totalM2: 1.865e9 * MU_M2, byCode: new Map() } });
    expect(e.selected.lines[0].ratio).toBeCloseTo(1, 12);
    expect(e.selected.lines[1].status).toBe('no-data');
    expect(e.children).toEqual([]);
  });

  it('children are the next level the table holds under the selection; a region absent from the table has no lines', () => {
    const table = parseTargets(
      'code,name,level,cultivated_mu,permanent_basic_mu\n330102,A,county,100,\n330102101,B,township,60,\n330102102,C,township,50,\n330102101001,D,village,30,\n',
      't.csv',
    ).table;
    const achieved = { cultivated: { totalM2: 95 * MU_M2, byCode: new Map([['330102101', 70 * MU_M2], ['330102102', 25 * MU_M2]]) } };
    const e = evaluateTargets(table, achieved, { region: '330102' });
    expect(e.selected.lines[0].gapMu).toBeCloseTo(5, 9);
    expect(e.children.map((c) => [c.code, c.lines[0].balanceMu?.toFixed(6)])).toEqual([
      ['330102101', '10.000000'],
      ['330102102', '-25.000000'],
    ]);
    const v = evaluateTargets(table, achieved, { region: '330102101' });
    expect(v.children.map((c) => c.code)).toEqual(['330102101001']);
    expect(v.children[0].lines[0].achievedMu).toBe(0);
    expect(evaluateTargets(table, achieved, { region: '4101' }).selected.lines).toEqual([]);
  });
});
