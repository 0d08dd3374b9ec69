/** The change report as tables (CSV, XLSX sheets, the CLI's text output). */
import { m2ToHa, m2ToMu } from '../area/units';
import type { Table } from '../table';
import { LEVEL1_NAMES } from './classes';
import type { ChangeReport } from './report';

const AREA = { numFmt: '#,##0.00', width: 14 };

export function matrixTable(r: ChangeReport, level: 1 | 2 = 2): Table {
  const cells = level === 1 ? r.matrixLevel1 : r.matrix;
  return {
    name: level === 1 ? '一级转移矩阵' : '转移矩阵',
    columns: [{ header: '前期地类 from' }, { header: '后期地类 to' }, { header: '面积(m²) area_m2', ...AREA }, { header: '面积(亩) area_mu', ...AREA }, { header: '面积(公顷) area_ha', ...AREA }],
    rows: cells.map((c) => [c.from, c.to, c.areaM2, m2ToMu(c.areaM2), m2ToHa(c.areaM2)]),
  };
}

export function changeTables(r: ChangeReport): Table[] {
  const mu = (m2: number) => m2ToMu(m2);
  const cls = (by: Record<string, number>) => Object.entries(by).map(([k, v]) => `${LEVEL1_NAMES[k] ?? k} ${mu(v).toFixed(2)}`).join('; ');
  return [
    matrixTable(r, 2),
    matrixTable(r, 1),
    {
      name: '耕地流入流出',
      columns: [{ header: '区域 region' }, { header: '流入(亩)', ...AREA }, { header: '流出(亩)', ...AREA }, { header: '净变化(亩)', ...AREA }, { header: '来源', width: 40 }, { header: '去向', width: 40 }],
      rows: r.regions.map((x) => [x.region, mu(x.inflowM2), mu(x.outflowM2), mu(x.netM2), cls(x.inflowBy), cls(x.outflowBy)]),
    },
    {
      name: '进出平衡',
      columns: [{ header: '区域 region' }, { header: '流出(亩)', ...AREA }, { header: '流出质量等级' }, { header: '流入(亩)', ...AREA }, { header: '流入质量等级' }, { header: '结论', width: 40 }],
      rows: [...r.balance, { ...r.balanceTotal, region: '合计' }].map((b) => [b.region, mu(b.out.areaM2), b.out.gddj, mu(b.in.areaM2), b.in.gddj, b.text]),
    },
    {
      name: '以补定占',
      columns: [{ header: '区域 region' }, { header: '前期稳定利用耕地(亩)', ...AREA }, { header: '后期(亩)', ...AREA }, { header: '增加(亩)', ...AREA }, { header: '减少(亩)', ...AREA }, { header: '其中建设占用(亩)', ...AREA }, { header: '净增加(亩)', ...AREA }],
      rows: [...r.stable, { ...r.stableTotal, region: '合计' }].map((x) => [x.region, mu(x.beforeM2), mu(x.afterM2), mu(x.gainedM2), mu(x.lostM2), mu(x.lostToConstructionM2), mu(x.netM2)]),
    },
    {
      name: '撂荒',
      columns: [{ header: '区域 region' }, { header: '撂荒恢复(亩)', ...AREA }, { header: '新增撂荒(亩)', ...AREA }],
      rows: [...r.abandoned, { ...r.abandonedTotal, region: '合计' }].map((x) => [x.region, mu(x.recoveredM2), mu(x.abandonedM2)]),
    },
    {
      name: '非农化',
      columns: [{ header: '前期图斑' }, { header: '后期图斑' }, { header: '前期地类' }, { header: '后期地类' }, { header: '面积(亩)', ...AREA }, { header: '坐落单位代码' }],
      rows: r.nonAgricultural.map((p) => [p.beforeId, p.afterId, p.from, p.to, mu(p.areaM2), p.region]),
    },
  ];
}
