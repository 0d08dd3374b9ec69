/**
 * Tables of a summary (Chinese headers, numbers as numbers), shared by the CSV and XLSX writers and the CLI:
 * 汇总 (totals), 分类 (breakdowns), 目标 (targets), 冲突 (conflicts).
 */
import type { LayerSummary, Summary } from '../analysis/summary';
import type { RegionEvaluation, TargetLine, TargetMetric } from '../analysis/targets';
import { AREA_BASIS_LABEL } from '../area/netArea';
import { m2ToMu } from '../area/units';
import { layerKindInfo } from '../layers/kinds';
import type { Table } from '../table';
import type { LayerKind } from '../types';
import { roundToSum } from './roundToSum';

const M2 = '#,##0.00';
const MU = '#,##0.0000';
const PCT = '0.00%';

const DIMENSIONS: ReadonlyArray<{ key: keyof Pick<LayerSummary, 'byLandClass' | 'byGrade' | 'bySlope' | 'byCounty' | 'byTownship' | 'byVillage'>; zh: string }> = [
  { key: 'byLandClass', zh: '地类' },
  { key: 'byGrade', zh: '质量等级' },
  { key: 'bySlope', zh: '坡度级别' },
  { key: 'byCounty', zh: '县级区域' },
  { key: 'byTownship', zh: '乡级区域' },
  { key: 'byVillage', zh: '村级区域' },
];

const kindZh = (kind: LayerKind): string => layerKindInfo(kind).zh;

/** 汇总: one row per layer — area in every unit, overlaps, declared totals beside the computed area. */
export function totalsTable(s: Summary): Table {
  return {
    name: '汇总',
    columns: [
      { header: '图层类型', width: 14 }, { header: '图层代码 kind', width: 16 }, { header: '名称', width: 14 }, { header: '文件', width: 24 },
      { header: '图斑数', numFmt: '#,##0', width: 10 },
      { header: '面积(平方米)', numFmt: M2, width: 18 }, { header: '面积(亩)', numFmt: MU, width: 18 }, { header: '面积(公顷)', numFmt: MU, width: 16 },
      { header: '面积(万亩)', numFmt: '#,##0.000000', width: 14 }, { header: '面积(亿亩)', numFmt: '0.0000000000', width: 16 },
      { header: '地类面积(平方米)', numFmt: M2, width: 18 }, { header: '地类面积(亩)', numFmt: MU, width: 18 },
      { header: '1203田坎(平方米)', numFmt: M2, width: 16 }, { header: '1203田坎(亩)', numFmt: MU, width: 16 }, { header: '目标口径', width: 10 },
      { header: '图斑面积之和(平方米，重叠重复计)', numFmt: M2, width: 20 }, { header: '层内重叠(平方米)', numFmt: M2, width: 16 }, { header: '重叠图斑对数', width: 10 },
      { header: 'ΣTBMJ 图斑面积(平方米)', numFmt: M2, width: 20 }, { header: '填写TBMJ的图斑数', width: 10 },
      { header: '这些图斑的计算面积(平方米)', numFmt: M2, width: 20 }, { header: '计算面积−ΣTBMJ(平方米)', numFmt: M2, width: 18 },
      { header: 'ΣTBDLMJ 图斑地类面积(平方米)', numFmt: M2, width: 20 }, { header: 'ΣTBDLMJ(亩)', numFmt: MU, width: 16 },
      { header: 'TBDLMJ 填写/推算图斑数', width: 14 }, { header: 'ΣYJJBNTTBMJ(平方米)', numFmt: M2, width: 18 },
      { header: '区域筛选', width: 12 },
    ],
    rows: s.layers.map((l) => [
      kindZh(l.kind), l.kind, l.name, l.file, l.features,
      l.area.m2, l.area.mu, l.area.ha, l.area.wanMu, l.area.yiMu,
      l.net.m2, l.net.mu, l.tiankan.m2, l.tiankan.mu, AREA_BASIS_LABEL[l.basis].zh,
      l.grossAreaM2, l.overlapAreaM2, l.overlapPairs,
      l.declared.tbmjFeatures ? l.declared.tbmjM2 : null, l.declared.tbmjFeatures,
      l.declared.tbmjFeatures ? l.declared.computedWithTbmjM2 : null, l.declared.tbmjFeatures ? l.declared.computedWithTbmjM2 - l.declared.tbmjM2 : null,
      l.declared.tbdlmjDeclared + l.declared.tbdlmjDerived ? l.declared.tbdlmjM2 : null,
      l.declared.tbdlmjDeclared + l.declared.tbdlmjDerived ? m2ToMu(l.declared.tbdlmjM2) : null,
      `${l.declared.tbdlmjDeclared}/${l.declared.tbdlmjDerived}`,
      l.declared.yjjbnttbmjFeatures ? l.declared.yjjbnttbmjM2 : null,
      l.region === undefined
        ? ''
        : l.regionRule === 'boundary'
          ? `${l.region}（按区划边界裁切）`
          : l.regionApplied
            ? `${l.region}（按区划代码）`
            : `${l.region}（本图层无区划代码、无边界，未筛选）`,
    ]),
  };
}

/** 分类: every breakdown row of every layer, with a 合计 row per layer first (the rows of a dimension add up to it). */
export function breakdownTable(s: Summary): Table {
  const rows: unknown[][] = [];
  for (const l of s.layers) {
    // last column: 亩 to 2 decimals, each dimension's rows adding up to the rounded 合计 (largest remainder)
    const totalMu2 = Math.round(l.area.mu * 100) / 100;
    rows.push([kindZh(l.kind), l.name, '合计', 'total', '', l.features, l.area.m2, l.area.mu, l.area.ha, l.area.wanMu, l.area.yiMu, l.area.m2 > 0 ? 1 : 0, l.net.m2, l.net.mu, totalMu2]);
    // the 田坎 deduction as its own land-class row: 图斑面积 of the row = 地类面积 of 1203
    rows.push([kindZh(l.kind), l.name, '地类', '1203', '田坎（扣除）', null, l.tiankan.m2, l.tiankan.mu, l.tiankan.ha, l.tiankan.wanMu, l.tiankan.yiMu, l.area.m2 > 0 ? l.tiankan.m2 / l.area.m2 : 0, l.tiankan.m2, l.tiankan.mu, null]);
    for (const d of DIMENSIONS) {
      const rounded = roundToSum(l[d.key].map((b) => b.areaMu), 2, l.area.mu);
      for (const [i, b] of l[d.key].entries()) rows.push([kindZh(l.kind), l.name, d.zh, b.key, b.label, b.features, b.areaM2, b.areaMu, b.areaM2 / 10_000, b.areaMu / 1e4, b.areaMu / 1e8, b.share, b.netM2, b.netMu, rounded[i]]);
    }
  }
  return {
    name: '分类',
    columns: [
      { header: '图层类型', width: 14 }, { header: '图层', width: 14 }, { header: '分类', width: 10 }, { header: '代码', width: 16 }, { header: '名称', width: 16 },
      { header: '图斑数', numFmt: '#,##0', width: 10 }, { header: '面积(平方米)', numFmt: M2, width: 18 }, { header: '面积(亩)', numFmt: MU, width: 18 },
      { header: '面积(公顷)', numFmt: MU, width: 16 }, { header: '面积(万亩)', numFmt: '#,##0.000000', width: 14 }, { header: '面积(亿亩)', numFmt: '0.0000000000', width: 16 },
      { header: '占比', numFmt: PCT, width: 10 },
      { header: '地类面积(平方米)', numFmt: M2, width: 18 }, { header: '地类面积(亩)', numFmt: MU, width: 18 },
      { header: '面积(亩)两位合计一致', numFmt: '#,##0.00', width: 16 },
    ],
    rows,
  };
}

const METRIC_ZH: Record<TargetMetric, string> = { cultivated: '耕地保有量', 'permanent-basic': '永久基本农田保护面积' };
const LEVEL_ZH: Record<RegionEvaluation['level'], string> = { national: '全国', selection: '所选区域', county: '县级', township: '乡级', village: '村级' };
const STATUS_ZH: Record<TargetLine['status'], string> = { met: '达标', short: '未达标', 'no-data': '无数据' };

/** 目标: the selection and its child regions against their targets. */
export function targetsTable(s: Summary): Table {
  const rows: unknown[][] = [];
  const regions = [s.targets.selected, ...s.targets.children];
  regions.forEach((r, i) => {
    for (const l of r.lines) {
      // a data set is a county or a province, never the country: the national line gives its share, not a 缺口
      const national = r.level === 'national';
      rows.push([
        i === 0 ? '所选' : '下级', r.code, r.name, LEVEL_ZH[r.level], METRIC_ZH[l.metric], l.targetMu, l.achievedMu,
        national ? null : l.balanceMu, national ? null : l.gapMu, national ? null : l.surplusMu, national ? null : l.ratio,
        l.targetShareOfNational, l.achievedShareOfNational, national ? '仅对比占全国比例' : STATUS_ZH[l.status], AREA_BASIS_LABEL[s.basis].zh,
      ]);
    }
  });
  return {
    name: '目标',
    columns: [
      { header: '范围', width: 8 }, { header: '区域代码', width: 14 }, { header: '区域名称', width: 14 }, { header: '级别', width: 8 }, { header: '指标', width: 20 },
      { header: '任务(亩)', numFmt: MU, width: 18 }, { header: '实现(亩)', numFmt: MU, width: 18 }, { header: '盈余(+)/缺口(−)(亩)', numFmt: MU, width: 18 },
      { header: '缺口(亩)', numFmt: MU, width: 16 }, { header: '盈余(亩)', numFmt: MU, width: 16 }, { header: '完成率', numFmt: PCT, width: 10 },
      { header: '任务占全国目标', numFmt: '0.000000%', width: 14 }, { header: '实现占全国目标', numFmt: '0.000000%', width: 14 }, { header: '状态', width: 8 }, { header: '实现面积口径', width: 12 },
    ],
    rows,
  };
}

/**
 * 冲突: per checked pair of layers a 合计 row (area of the overlap, overlaps counted once), then each intersecting
 * parcel pair with its ids and a zoom-to bbox. Empty (with a note) when conflicts were not computed.
 */
export function conflictsTable(s: Summary): Table {
  const rows: unknown[][] = [];
  for (const c of s.conflicts ?? []) {
    const pair = `${kindZh(c.a)} ∩ ${kindZh(c.b)}`;
    rows.push([pair, c.aName, c.bName, '合计', '', c.pairs.length, c.areaM2, c.areaMu, '', c.netM2, c.netMu]);
    for (const p of c.pairs) rows.push([pair, c.aName, c.bName, p.aId, p.bId, 1, p.areaM2, m2ToMu(p.areaM2), p.bbox.map((v) => v.toFixed(6)).join(','), p.netM2, m2ToMu(p.netM2)]);
    for (const f of c.failures) rows.push([pair, c.aName, c.bName, f.parcelId, '', null, null, null, `计算失败 / failed: ${f.message}`, null, null]);
  }
  if (s.conflicts === undefined) rows.push(['未计算 / not computed', '', '', '', '', null, null, null, '', null, null]);
  return {
    name: '冲突',
    columns: [
      { header: '冲突类型', width: 26 }, { header: '图层A', width: 14 }, { header: '图层B', width: 14 }, { header: '图斑A', width: 16 }, { header: '图斑B', width: 16 },
      { header: '图斑对数', numFmt: '#,##0', width: 10 }, { header: '面积(平方米)', numFmt: M2, width: 18 }, { header: '面积(亩)', numFmt: MU, width: 16 },
      { header: '范围 bbox / 说明', width: 44 },
      { header: '地类面积(平方米)', numFmt: M2, width: 18 }, { header: '地类面积(亩)', numFmt: MU, width: 16 },
    ],
    rows,
  };
}
