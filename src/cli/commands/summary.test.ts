
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { runCli } from '../main';
import { displayWidth, textTable } from './summary';
import { fakeIO as makeFakeIO } from '../../../test/helpers/fakeIO';

const LAT = 30;
const w = (mu: number) => dLonForArea(mu * MU_M2, LAT, 0.001);
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

const FILES: Record<string, string> = {
  '/d/gd.geojson': fc([
    cellFeature(120, LAT, w(10), 0.001, { BSM: 'P1', DLBM: '0101', GDDJ: 2, GDPDJB: 1, ZLDWDM: '3301021010010000000', ZLDWMC: '=某村', TBMJ: 6700, TBDLMJ: 6500 }),
    cellFeature(120.01, LAT, w(20), 0.001, { BSM: 'P2', DLBM: '0103', GDDJ: 5, GDPDJB: 3, ZLDWDM: '3301021010020000000', TBMJ: 13333, KCMJ: 333 }),
    cellFeature(120.02, LAT, w(5), 0.001, { BSM: 'P3', DLBM: '0102', GDDJ: 5, GDPDJB: 2, ZLDWDM: '3301022020010000000' }),
    cellFeature(120, LAT, w(10), 0.001, { BSM: 'P4', DLBM: '0101', ZLDWDM: '3301021010010000000' }),
  ]),
  '/d/jbnt.geojson': fc([cellFeature(120, LAT, w(8), 0.001, { YJJBNTTBBH: 'J1', ZLDWDM: '330102101001', GDDJ: 2 })]),
  // the red line starts 5 亩 into P1 (= P4) and 3 亩 before the end of J1: conflicts of 5 and 3 亩
  '/d/hx.geojson': fc([cellFeature(120 + w(5), LAT, w(40), 0.001, { BSM: 'H1', HXMC: '某红线' })]),
  '/d/t.csv': '\uFEFFcode,name,level,cultivated_mu,permanent_basic_mu\r\n330102,上城区,county,40,8\r\n330102101,甲镇,township,25,\r\n330102202,乙镇,township,6,\r\n',
  '/d/tbad.csv': 'code,name,level,cultivated_mu,permanent_basic_mu\n330102,上城区,county,40,8\n330102202,乙镇,township,lots,\n',
  '/d/m.json': JSON.stringify({ layers: [{ kind: 'cultivated', file: 'gd.geojson', name: '某县耕地' }], targets: 't.csv' }),
};

const fakeIO = (files: Record<string, string | Uint8Array> = FILES) => makeFakeIO(files, { now: new Date(Date.UTC(2026, 10, 28, 8, 30, 0)) });

const LAYERS = ['--layer', 'cultivated=/d/gd.geojson', '--layer', 'permanent-basic=/d/jbnt.geojson', '--layer', 'eco-redline=/d/hx.geojson'];

describe('farmland summary', () => {
  it('--json: layers in every unit (overlaps once), breakdowns, targets, metadata', async () => {
    const f = fakeIO();
    const code = await runCli(['summary', ...LAYERS, '--targets', '/d/t.csv', '--json', '--area-basis', 'polygon'], f.io);
    expect(code).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.metadata.generated_at).toBe('2026-11-28T08:30:00.000Z');
    expect(j.metadata.area.ellipsoid).toBe('CGCS2000');
    expect(j.metadata.inputs.map((i: { file: string }) => i.file)).toEqual(['gd.geojson', 'jbnt.geojson', 'hx.geojson', 't.csv']);
    expect(j.layers.map((l: { kind: string }) => l.kind)).toEqual(['cultivated', 'permanent-basic', 'eco-redline']);
    const [gd, pb, hx] = j.layers;
    expect(gd.features).toBe(4);
    expect(gd.area_mu).toBeCloseTo(35, 5);
    expect(gd.area_m2).toBeCloseTo(35 * MU_M2, 2);
    expect(gd.area_wan_mu).toBeCloseTo(35e-4, 9);
    expect(gd.area_yi_mu).toBeCloseTo(35e-8, 13);
    expect(gd.overlap_area_m2).toBeCloseTo(10 * MU_M2, 2);
    expect(gd.declared.tbmj_m2).toBe(20033);
    expect(gd.declared.tbdlmj_m2).toBe(6500 + 13000);
    for (const dim of ['by_land_class', 'by_grade', 'by_slope', 'by_county', 'by_township', 'by_village'])
      expect(gd[dim].reduce((s: number, b: { area_m2: number }) => s + b.area_m2, 0)).toBe(gd.area_m2);
    expect(gd.by_land_class.find((b: { key: string }) => b.key === 'irrigated').area_mu).toBeCloseTo(5, 5);
    expect(pb.area_mu).toBeCloseTo(8, 5);
    expect(hx.area_mu).toBeCloseTo(40, 5);
    // no region: the country against the national targets; children = the table's counties
    expect(j.targets.selected.level).toBe('national');
    expect(j.targets.selected.lines[0].target_mu).toBe(1.865e9);
    expect(j.targets.selected.lines[0].achieved_mu).toBeCloseTo(35, 5);
    expect(j.targets.children[0].code).toBe('330102');
    expect(j.targets.children[0].lines[0].gap_mu).toBeCloseTo(5, 5);
    expect(j.targets.children[0].lines[1].surplus_mu).toBeCloseTo(0, 5);
    expect(j.conflicts.map((c: { a: string; b: string }) => `${c.a}/${c.b}`)).toEqual(['permanent-basic/eco-redline', 'cultivated/eco-redline']);
    const [pbEco, gdEco] = j.conflicts;
    expect(pbEco.area_mu).toBeCloseTo(3, 4);
    expect(pbEco.pairs).toEqual([expect.objectContaining({ a_id: 'J1', b_id: 'H1' })]);
    // P1 and P4 cover the same ground: the conflict counts it once
    expect(gdEco.area_mu).toBeCloseTo(5, 4);
    expect(gdEco.area_m2).toBeCloseTo(5 * MU_M2, 2);
  });

  it('--region restricts every figure; child regions evaluated against the table', async () => {
    const f = fakeIO();
    expect(await runCli(['summary', ...LAYERS, '--targets', '/d/t.csv', '--region', '330102', '--json', '--area-basis', 'polygon'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.region).toBe('330102');
    expect(j.targets.selected).toMatchObject({ code: '330102', name: '上城区', level: 'county' });
    const kids = j.targets.children.map((c: { code: string; lines: { balance_mu: number }[] }) => [c.code, Number(c.lines[0].balance_mu.toFixed(6))]);
    expect(kids).toEqual([['330102101', 5], ['330102202', -1]]);
    const g = await (async () => {
      const f2 = fakeIO();
      await runCli(['summary', ...LAYERS, '--region', '330102202', '--json'], f2.io);
      return JSON.parse(f2.out());
    })();
    expect(g.layers[0].features).toBe(1);
    expect(g.layers[0].area_mu).toBeCloseTo(5, 5);
    expect(g.layers[1].features).toBe(0);
    // the red line has no region codes: kept whole, and flagged
    expect(g.layers[2].region_applied).toBe(false);
    expect(g.layers[2].area_mu).toBeCloseTo(40, 5);
  });

  it('--csv: BOM, metadata lines, CRLF, neutralised formula-like text, numbers as numbers', async () => {
    const f = fakeIO();
    expect(await runCli(['summary', ...LAYERS, '--csv'], f.io)).toBe(0);
    const text = f.out();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^# 软件 \/ app,Farmland Atlas/);
    expect(lines.some((l) => l.startsWith('# 生成时间 / generated (UTC),2026-11-28T08:30:00.000Z'))).toBe(true);
    const header = lines.findIndex((l) => l.startsWith('图层类型,'));
    expect(lines[header]).toBe('图层类型,图层,分类,代码,名称,图斑数,面积(平方米),面积(亩),面积(公顷),面积(万亩),面积(亿亩),占比,地类面积(平方米),地类面积(亩),面积(亩)两位合计一致');
    expect(lines.some((l) => l.startsWith('耕地,耕地,地类,1203,田坎（扣除）,'))).toBe(true);
    const village = lines.find((l) => l.includes(',330102101001,'))!;
    expect(village).toContain(",'=某村,");
    const total = lines.find((l) => l.startsWith('耕地,耕地,合计,'))!.split(',');
    expect(Number(total[7])).toBeCloseTo(35, 5);
    const land = lines.filter((l) => l.startsWith('耕地,耕地,地类,') && !l.startsWith('耕地,耕地,地类,1203,')).map((l) => Number(l.split(',')[6]));
    expect(land.reduce((a, b) => a + b, 0)).toBe(Number(total[6]));
  });

  it('--xlsx OUT: a workbook that reads back with the same totals', async () => {
    const f = fakeIO();
    expect(await runCli(['summary', ...LAYERS, '--targets', '/d/t.csv', '--region', '330102', '--xlsx', '/out/s.xlsx', '--area-basis', 'polygon'], f.io)).toBe(0);
    const bytes = f.written.get('/out/s.xlsx') as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(f.err()).toContain('/out/s.xlsx');
    expect(f.out()).toContain('耕地保护汇总');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toEqual(['汇总', '分类', '目标', '冲突', '高标准覆盖', '建设候选', '黑土地', '盐碱耕地', '撂荒地', '经济奖惩', '元数据']);
    const cf = (wb.getWorksheet('冲突')!.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    const total = cf.find((r) => r[0] === '永久基本农田 ∩ 生态保护红线' && r[3] === '合计')!;
    expect(total[7] as number).toBeCloseTo(3, 4);
    const sum = wb.getWorksheet('汇总')!;
    const rows = (sum.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    expect(rows.map((r) => r[1])).toEqual(['cultivated', 'permanent-basic', 'eco-redline']);
    expect(rows[0][4]).toBe(4);
    expect(rows[0][6] as number).toBeCloseTo(35, 5);
    expect(rows[0][5] as number).toBeCloseTo(35 * MU_M2, 2);
    expect(rows[1][6] as number).toBeCloseTo(8, 5);
    const tg = (wb.getWorksheet('目标')!.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    const yi = tg.find((r) => r[1] === '330102202')!;
    expect(yi[5]).toBe(6);
    expect(yi[6] as number).toBeCloseTo(5, 5);
    expect(yi[7] as number).toBeCloseTo(-1, 5);
    expect(yi[13]).toBe('未达标');
    expect(yi[14]).toBe('图斑面积');
    const md = (wb.getWorksheet('元数据')!.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    expect(md.find((r) => r[0] === '区域 / region')![1]).toBe('330102');
  });

  it('human output: a zh table with the figures', async () => {
    const f = fakeIO();
    expect(await runCli(['summary', ...LAYERS, '--targets', '/d/t.csv', '--region', '330102'], f.io)).toBe(0);
    const t = f.out();
    expect(t).toMatch(/图层\s+文件\s+图斑数\s+图斑面积\(亩\)\s+地类面积\(亩\)\s+1203田坎\(亩\)/);
    expect(t).toMatch(/耕地\s+gd\.geojson\s+4\s+35\.00/);
    expect(t).toContain('地类：水田 10.00 亩');
    expect(t).toMatch(/乙镇\(330102202\)\s+耕地保有量\s+6\.00\s+5\.00\s+-1\.00/);
    expect(t).toMatch(/永久基本农田 ∩ 生态保护红线\s+1\s+3\.00\s+J1×H1/);
    expect(t).toMatch(/耕地 ∩ 生态保护红线\s+\d\s+5\.00/);
  });

  it('--manifest names layers and targets; --geojson writes annotated parcels', async () => {
    const f = fakeIO();
    expect(await runCli(['summary', '--manifest', '/d/m.json', '--json', '--geojson', '/out/p.geojson'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.layers[0].name).toBe('某县耕地');
    expect(j.metadata.inputs.map((i: { role: string }) => i.role)).toEqual(['manifest', 'cultivated', 'targets']);
    const g = JSON.parse(f.written.get('/out/p.geojson') as string);
    expect(g.features.length).toBe(4);
    expect(g.features[0].properties.BSM).toBe('P1');
    expect(g.features[0].properties.fa_area_mu).toBeCloseTo(10, 5);
    expect(g.features[3].properties.fa_effective_area_m2).toBeCloseTo(0, 3);
    expect(g.metadata.generated_at).toBe('2026-11-28T08:30:00.000Z');
  });

  it('bad input: usage errors exit 2, data errors exit 1 naming file/row/field', async () => {
    const cases: [string[], number, RegExp][] = [
      [['summary'], 2, /at least one --layer/],
      [['summary', '--layer', 'forest=/d/gd.geojson'], 2, /unknown layer kind "forest"/],
      [['summary', '--layer', '/d/gd.geojson'], 2, /KIND=FILE/],
      [['summary', '--layer', 'cultivated=/d/none.geojson'], 2, /none\.geojson: 文件不存在/],
      [['summary', ...LAYERS, '--region', '33ab'], 2, /--region/],
      [['summary', ...LAYERS, '--json', '--csv'], 2, /one of --json and --csv/],
      [['summary', ...LAYERS, '--targets', '/d/missing.csv'], 2, /missing\.csv/],
      [['summary', ...LAYERS, '--targets', '/d/tbad.csv', '--json'], 1, /tbad\.csv 第 2 行.*cultivated_mu/],
      [['summary', ...LAYERS, '--targets', '/d/gd.geojson', '--json'], 2, /gd\.geojson: 不是目标表/],
    ];
    for (const [argv, code, msg] of cases) {
      const f = fakeIO();
      expect(await runCli(argv, f.io), argv.join(' ')).toBe(code);
      expect(f.err()).toMatch(msg);
      expect(f.err()).not.toMatch(/\n\s+at /);
    }
    const f = fakeIO({ '/d/x.geojson': '{"type":"FeatureCollection","features":[' });
    expect(await runCli(['summary', '--layer', 'cultivated=/d/x.geojson', '--json'], f.io)).toBe(2);
    expect(f.out()).toBe('');
    expect(f.err()).toMatch(/x\.geojson: 不是有效的 JSON/);
    // a layer with a bad feature still summarises the rest, and exits 1
    const bad = fakeIO({ '/d/y.geojson': fc([cellFeature(120, LAT, w(2), 0.001, { DLBM: '0101', GDDJ: 99 }), cellFeature(120.01, LAT, w(3), 0.001, { DLBM: '0103' })]) });
    const c = await runCli(['summary', '--layer', 'cultivated=/d/y.geojson', '--json'], bad.io);
    expect(JSON.parse(bad.out()).layers[0].area_mu).toBeCloseTo(5, 5);
    // exit 1 exactly when validation reported an error (GDDJ 99 is out of range), 0 otherwise
    expect(c).toBe(bad.err().includes('错误 error') ? 1 : 0);
  });
});

describe('textTable', () => {
  it('counts CJK as two columns', () => {
    expect(displayWidth('耕地ab')).toBe(6);
    const t = textTable(['名称', 'n'], [['水田', '1'], ['x', '10']]).split('\n');
    expect(t[2]).toBe('水田   1');
    expect(t[3]).toBe('x     10');
  });
});
