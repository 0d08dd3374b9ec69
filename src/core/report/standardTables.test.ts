import { describe, expect, it } from 'vitest';
import { buildLayer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { standardTables } from './standardTables';
import { attrOf } from '../layers/attrTable';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const f = (props: Record<string, unknown>, g: AreaGeometry) => ({ type: 'Feature', properties: props, geometry: g });
const V1 = '3301021010010000000';
const V2 = '3301021010020000000';
const V3 = '3301022020010000000';
// 21 parcels of odd sizes over three villages of two townships: 耕地 with KCXS, 林地, 二调 code 013, no code
const feats = Array.from({ length: 21 }, (_, i) => {
  const x = 120 + i * 0.0013;
  const dl = ['0101', '0103', '013', '0301', '0102'][i % 5];
  return f(
    { BSM: `P${i}`, DLBM: dl, ZLDWDM: [V1, V2, V3][i % 3], ZLDWMC: ['东村', '西村', '南村'][i % 3], KCXS: dl === '0301' ? undefined : (i % 4) * 0.031, GDPDJB: 1 + (i % 5), GDLX: i % 5 === 0 ? '' : i % 2 ? 'TT' : 'PD', GDDJ: 1 + (i % 10), GDDB: 1 + (i % 15) },
    rect(x, 30, x + 0.0011 + (i % 7) * 0.00002, 30.0009 + (i % 3) * 0.00017), // no overlaps: 0.00122° < the 0.0013° step
  );
});
const layer = buildLayer('cultivated', 'dltb.geojson', feats);
const names = new Map([['330102', '上城区'], ['330102101', '甲镇'], ['330102202', '乙镇']]);
const tables = standardTables(layer, { names });
const byName = (n: string) => tables.find((t) => t.name === n)!;

/** Column indexes: 0 code, 1 name, 2 level, 3 合计, then classes. */
function checkAdditive(t: ReturnType<typeof byName>, grouped: boolean) {
  const cents = (v: unknown) => Math.round((v as number) * 100);
  for (const r of t.rows) {
    for (const v of r.slice(3)) expect(cents(v) / 100).toBe(v); // two decimals
    // 合计 = Σ 一级 (grouped) or Σ classes
    const heads = t.columns.map((c) => c.header);
    const firstLevel = heads.map((h, j) => (j > 3 && (grouped ? /^\d\d |^未填写地类|^\d级$|^未填写坡度级/.test(h) : true) ? j : -1)).filter((j) => j >= 0);
    expect(firstLevel.reduce((s, j) => s + cents(r[j]), 0), `${t.name} ${r[0]}`).toBe(cents(r[3]));
  }
  // township = Σ its villages, county = Σ townships, for every column
  const rows = t.rows;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i][2] === '村') continue;
    const kids: unknown[][] = [];
    for (let k = i + 1; k < rows.length && rows[k][2] !== rows[i][2] && !(rows[i][2] === '乡' && rows[k][2] === '县'); k++)
      if ((rows[i][2] === '县' && rows[k][2] === '乡') || (rows[i][2] === '乡' && rows[k][2] === '村')) kids.push(rows[k]);
    for (let j = 3; j < rows[i].length; j++) expect(kids.reduce((s, r) => s + cents(r[j]), 0), `${t.name} ${rows[i][0]} col ${j}`).toBe(cents(rows[i][j]));
  }
}

describe('standardTables (汇总表)', () => {
  it('eight tables: four layouts in 公顷 and 亩', () => {
    expect(tables.map((t) => t.name)).toEqual([
      '土地利用现状(公顷)', '耕地坡度分级(公顷)', '耕地质量等级(公顷)', '耕地等别(公顷)', '土地利用现状(亩)', '耕地坡度分级(亩)', '耕地质量等级(亩)', '耕地等别(亩)',
    ]);
  });

  it('rows county → township → village with names; every row adds up to its 合计 and every unit to its children, to the cent', () => {
    const t = byName('土地利用现状(公顷)');
    expect(t.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['330102', '上城区', '县'], ['330102101', '甲镇', '乡'], ['330102101001', '东村', '村'], ['330102101002', '西村', '村'], ['330102202', '乙镇', '乡'], ['330102202001', '南村', '村'],
    ]);
    for (const name of ['土地利用现状(公顷)', '土地利用现状(亩)', '耕地坡度分级(亩)']) checkAdditive(byName(name), true);
    for (const name of ['耕地质量等级(公顷)', '耕地等别(亩)']) checkAdditive(byName(name), false);
  });

  it('land use: 二调 013 counts as 0103, 田坎 is its own class 1203 = 图斑面积 − 地类面积, the county total is the layer area rounded', () => {
    const t = byName('土地利用现状(公顷)');
    const heads = t.columns.map((c) => c.header);
    expect(heads).toContain('01 耕地');
    expect(heads).toContain('0103 旱地');
    expect(heads.some((h) => h.startsWith('013'))).toBe(false);
    expect(heads).toContain('12 其他土地');
    const county = t.rows[0];
    const total = layer.parcels.reduce((s, p) => s + p.areaM2, 0);
    expect(county[3]).toBe(Math.round(total / 100) / 100);
    const tk = layer.parcels.reduce((s, p) => s + p.areaM2 * (attrOf(p, 'kcxs') ?? 0), 0);
    expect(Math.abs((county[heads.indexOf('1203 田坎')] as number) - tk / 10_000)).toBeLessThanOrEqual(0.01);
  });

  it('耕地 tables use 地类面积; slope classes 2–5 split into 梯田 / 坡地', () => {
    const t = byName('耕地坡度分级(亩)');
    const heads = t.columns.map((c) => c.header);
    expect(heads.slice(3, 8)).toEqual(['合计(亩)', '1级', '2级', '2级梯田', '2级坡地']);
    expect(heads).toContain('3级梯田');
    const farmNet = layer.parcels.filter((p) => attrOf(p, 'landClass')).reduce((s, p) => s + p.areaM2 * (1 - (attrOf(p, 'kcxs') ?? 0)), 0);
    expect(Math.abs((t.rows[0][3] as number) - (farmNet * 3) / 2000)).toBeLessThanOrEqual(0.005 + 1e-9);
    const poly = standardTables(layer, { basis: 'polygon', units: ['mu'] }).find((x) => x.name === '耕地坡度分级(亩)')!;
    const farmPoly = layer.parcels.filter((p) => attrOf(p, 'landClass')).reduce((s, p) => s + p.areaM2, 0);
    expect(Math.abs((poly.rows[0][3] as number) - (farmPoly * 3) / 2000)).toBeLessThanOrEqual(0.005 + 1e-9);
  });
});
