/**
 * The indicators as tables (Chinese headers, numbers as numbers) — sheets of the XLSX export and twins of the
 * dashboard's indicator charts: 高标准覆盖, 建设候选, 黑土地, 盐碱耕地, 撂荒地, 经济奖惩. The first row of each per-region
 * sheet is the selection (所选), then every county / township / village.
 */
import { m2ToMu } from '../area/units';
import type { Indicators } from '../analysis/indicators/indicators';
import type { SalinityKey } from '../analysis/indicators/saline';
import { SALINITY_KEYS } from '../analysis/indicators/saline';
import type { Table, TableColumn } from '../table';

const MU = '#,##0.0000';
const PCT = '0.00%';
const YUAN = '#,##0.00';
const LEVEL_ZH: Record<string, string> = { county: '县级', township: '乡级', village: '村级', national: '全国', selection: '所选区域' };
const BASIS_ZH = { net: '地类面积（扣除田坎，面积×(1−KCXS)）', gross: '椭球面积（无 KCXS）' } as const;
const mu = (m2: number | null | undefined): number | null => (m2 === null || m2 === undefined ? null : m2ToMu(m2));

const regionCols: TableColumn[] = [{ header: '范围', width: 8 }, { header: '区域代码', width: 14 }, { header: '级别', width: 8 }];
const sel = (ind: Indicators) => ['所选', ind.region ?? '全部', '所选区域'];
const regionHead = (code: string, level: string) => ['下级', code, LEVEL_ZH[level] ?? level];

/**
 * An indicator table's rows: the selection's line, then one line per region (each with `tail` appended: the
 * selection's note, empty cells for the regions), or one row naming the missing layer when there is no indicator.
 */
function selectionThenRegions<F>(
  ind: Indicators,
  x: (F & { byRegion: readonly (F & { code: string; level: string })[] }) | null | undefined,
  line: (head: unknown[], f: F) => unknown[],
  missing: string,
  tail?: { selection: unknown; region: unknown } | null,
): unknown[][] {
  if (!x) return [[missing]];
  const end = (cells: unknown[], t: unknown) => (tail ? [...cells, t] : cells);
  return [end(line(sel(ind), x), tail?.selection), ...x.byRegion.map((r) => end(line(regionHead(r.code, r.level), r), tail?.region))];
}

/** 高标准覆盖: 永久基本农田, the part in 高标准农田, share and remainder — selection, then per region. */
export function highStandardCoverageTable(ind: Indicators): Table {
  const hs = ind.highStandard;
  const line = (head: unknown[], f: { permanentBasicM2: number; inHighStandardM2: number; share: number | null; remainderM2: number; parcels: number; remainderParcels: number }) => [
    ...head, f.parcels, mu(f.permanentBasicM2), mu(f.inHighStandardM2), f.share, mu(f.remainderM2), f.remainderParcels, f.permanentBasicM2, f.inHighStandardM2,
  ];
  const rows = selectionThenRegions(ind, hs, line, '未加载永久基本农田图层 / no permanent-basic layer', hs && { selection: BASIS_ZH[hs.basis], region: '' });
  return {
    name: '高标准覆盖',
    columns: [
      ...regionCols, { header: '永久基本农田图斑数', numFmt: '#,##0', width: 10 }, { header: '永久基本农田(亩)', numFmt: MU, width: 18 }, { header: '其中已建高标准农田(亩)', numFmt: MU, width: 18 },
      { header: '已建占比', numFmt: PCT, width: 10 }, { header: '尚未建设(亩)', numFmt: MU, width: 18 }, { header: '候选图斑数', numFmt: '#,##0', width: 10 },
      { header: '永久基本农田(平方米)', numFmt: '#,##0.00', width: 18 }, { header: '已建(平方米)', numFmt: '#,##0.00', width: 18 }, { header: '面积口径', width: 30 },
    ],
    rows,
  };
}

/** 建设候选: the remainder parcels ranked, with every input of the score. */
export function candidatesTable(ind: Indicators): Table {
  const hs = ind.highStandard;
  const w = hs?.weights;
  const rows: unknown[][] = (hs?.candidates ?? []).map((c) => [
    c.rank, c.id, c.regionCode ?? '', c.remainderMu, c.gddj ?? null, c.gdpdjb ?? null, c.clusterMu, c.distanceM, c.scores.grade, c.scores.slope, c.scores.contiguity, c.scores.distance, c.score,
    c.bbox.map((v) => v.toFixed(6)).join(','),
  ]);
  if (w)
    rows.push([
      null, '评分说明', `得分 = 100×(${w.grade}×等级分 + ${w.slope}×坡度分 + ${w.contiguity}×连片分 + ${w.distance}×距离分)；等级分 = (10−GDDJ)/9，坡度分 = (5−GDPDJB)/4，连片分 = min(1, 连片未建面积/${w.contiguityRefMu} 亩)（间距 ≤ ${w.clusterGapM} m 相连），距离分 = max(0, 1 − 距高标准农田距离/${w.distanceRefM} m)；示例权重，可调整`,
    ]);
  return {
    name: '建设候选',
    columns: [
      { header: '排名', width: 6 }, { header: '图斑', width: 18 }, { header: '坐落单位代码', width: 20 }, { header: '尚未建设(亩)', numFmt: MU, width: 14 }, { header: '质量等级GDDJ', width: 8 },
      { header: '坡度级别GDPDJB', width: 8 }, { header: '所在连片未建(亩)', numFmt: MU, width: 14 }, { header: '距高标准农田(米)', numFmt: '#,##0.0', width: 12 },
      { header: '等级分', numFmt: '0.000', width: 8 }, { header: '坡度分', numFmt: '0.000', width: 8 }, { header: '连片分', numFmt: '0.000', width: 8 }, { header: '距离分', numFmt: '0.000', width: 8 },
      { header: '得分', numFmt: '0.00', width: 8 }, { header: '范围 bbox', width: 44 },
    ],
    rows,
  };
}

/** 黑土地: 耕地 in the 黑土地 zone, 侵蚀 risk (slope 3–5), by grade and slope — selection, then per region. */
export function blackSoilTable(ind: Indicators): Table {
  const grades = Array.from({ length: 10 }, (_, i) => String(i + 1));
  const slopes = ['1', '2', '3', '4', '5'];
  const line = (head: unknown[], f: NonNullable<Indicators['blackSoil']>['byRegion'][number] | NonNullable<Indicators['blackSoil']>) => [
    ...head, mu(f.cultivatedM2), mu(f.insideM2), f.share, mu(f.erosionRiskM2), f.erosionRiskShare, ...grades.map((g) => mu(f.byGrade[g])), mu(f.byGrade.unknown), ...slopes.map((s) => mu(f.bySlope[s])), mu(f.bySlope.unknown),
  ];
  const rows = selectionThenRegions(ind, ind.blackSoil, line, '未加载耕地或黑土地图层 / no cultivated or black-soil layer');
  return {
    name: '黑土地',
    columns: [
      ...regionCols, { header: '耕地(亩)', numFmt: MU, width: 16 }, { header: '黑土地内耕地(亩)', numFmt: MU, width: 16 }, { header: '占耕地', numFmt: PCT, width: 10 },
      { header: '侵蚀风险 坡度3–5级(亩)', numFmt: MU, width: 16 }, { header: '侵蚀风险占比', numFmt: PCT, width: 10 },
      ...grades.map((g) => ({ header: `${g}等(亩)`, numFmt: MU, width: 12 })), { header: '等级未填(亩)', numFmt: MU, width: 12 },
      ...slopes.map((s) => ({ header: `坡度${s}级(亩)`, numFmt: MU, width: 12 })), { header: '坡度未填(亩)', numFmt: MU, width: 12 },
    ],
    rows,
  };
}

/** 盐碱耕地: by degree — selection, then per region. */
export function salineTable(ind: Indicators): Table {
  const label: Record<SalinityKey, string> = { 轻度: '轻度', 中度: '中度', 重度: '重度', 盐土: '盐土', unknown: '程度未填' };
  const line = (head: unknown[], f: { totalM2: number; byDegree: Record<SalinityKey, number>; cultivatedM2: number | null; share: number | null }) => [
    ...head, mu(f.totalM2), ...SALINITY_KEYS.map((k) => mu(f.byDegree[k])), mu(f.cultivatedM2), f.share,
  ];
  const rows = selectionThenRegions(ind, ind.saline, line, '未加载盐碱地图层 / no saline-alkali layer');
  return {
    name: '盐碱耕地',
    columns: [
      ...regionCols, { header: '盐碱耕地(亩)', numFmt: MU, width: 16 }, ...SALINITY_KEYS.map((k) => ({ header: `${label[k]}(亩)`, numFmt: MU, width: 14 })),
      { header: '耕地(亩)', numFmt: MU, width: 16 }, { header: '占耕地', numFmt: PCT, width: 10 },
    ],
    rows,
  };
}

/** 撂荒地: area and share of 耕地 — selection, then per region. */
export function abandonedTable(ind: Indicators): Table {
  const ab = ind.abandoned;
  const line = (head: unknown[], f: { cultivatedM2: number; abandonedM2: number; share: number | null; parcels: number }) => [...head, mu(f.cultivatedM2), mu(f.abandonedM2), f.share, f.parcels];
  const rows = selectionThenRegions(ind, ab, line, '未加载耕地图层 / no cultivated layer', ab && { selection: ab.source === 'layer' ? '撂荒地图层与耕地叠加' : '耕地 ZZSXDM = WG', region: '' });
  return {
    name: '撂荒地',
    columns: [...regionCols, { header: '耕地(亩)', numFmt: MU, width: 16 }, { header: '撂荒地(亩)', numFmt: MU, width: 16 }, { header: '占耕地', numFmt: PCT, width: 10 }, { header: '涉及图斑', numFmt: '#,##0', width: 10 }, { header: '依据', width: 22 }],
    rows,
  };
}

/** 经济奖惩: compensation owed (缺口 × rate) and reward due (盈余 × rate) per region and target. */
export function rewardPenaltyTable(ind: Indicators): Table {
  const rows: unknown[][] = ind.rewardPenalty.map((l) => [
    l.code, l.name, LEVEL_ZH[l.level] ?? l.level, l.metric === 'cultivated' ? '耕地保有量' : '永久基本农田保护面积', l.targetMu, l.achievedMu, l.gapMu, l.surplusMu, l.gapRate, l.surplusRate,
    l.compensationYuan, l.rewardYuan, l.netYuan,
  ]);
  if (rows.length === 0) rows.push(['', '无目标表 / no targets table']);
  rows.push(['', `费率来源：${ind.rewardRates.source}（示例参数，非官方标准；在配置文件 reward_penalty 中修改）`]);
  return {
    name: '经济奖惩',
    columns: [
      { header: '区域代码', width: 14 }, { header: '区域名称', width: 14 }, { header: '级别', width: 8 }, { header: '指标', width: 20 }, { header: '任务(亩)', numFmt: MU, width: 16 },
      { header: '实现(亩)', numFmt: MU, width: 16 }, { header: '缺口(亩)', numFmt: MU, width: 14 }, { header: '盈余(亩)', numFmt: MU, width: 14 },
      { header: '缺口补偿标准(元/亩)', numFmt: YUAN, width: 14 }, { header: '盈余奖励标准(元/亩)', numFmt: YUAN, width: 14 },
      { header: '应缴补偿(元)', numFmt: YUAN, width: 16 }, { header: '应得奖励(元)', numFmt: YUAN, width: 16 }, { header: '净额(元，+奖/−缴)', numFmt: YUAN, width: 16 },
    ],
    rows,
  };
}

/** Every indicator sheet, in workbook order. */
export function indicatorTables(ind: Indicators): Table[] {
  return [highStandardCoverageTable(ind), candidatesTable(ind), blackSoilTable(ind), salineTable(ind), abandonedTable(ind), rewardPenaltyTable(ind)];
}
