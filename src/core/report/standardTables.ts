/**
 * The survey's standard summary tables (汇总表), laid out as the 国土调查 forms are: rows are the administrative
 * units (county → township → village, each unit followed by its children), columns are the classes, every
 * figure in 公顷 or 亩 with two decimals. Layout in docs/summary-tables.md.
 *
 *   土地利用现状  by 一级 / 二级 地类 (DLBM; 二调 codes 011… read as 0101…), with the 田坎 deduction as its own
 *                 class 1203 (地类面积 to the parcel's class, 图斑面积 − 地类面积 to 1203);
 *   耕地坡度      耕地 by GDPDJB 1–5, classes 2–5 split into 梯田 (GDLX TT) / 坡地 (PD) where GDLX is given;
 *   耕地质量等级  耕地 by GDDJ 1–10;   耕地等别  耕地 by GDDB 1–15.
 * 耕地 figures are 地类面积 by default (basis 'net'), 图斑面积 with basis 'polygon'.
 *
 * Rounding: the finest table (villages × leaf classes) is rounded by controlled rounding (controlledRounding.ts),
 * then every other figure is a sum of rounded cells — so each printed row adds up to its 合计, each 一级 column to
 * its 二级 columns, each township to its villages and the county to its townships, exactly, to the cent.
 */
import { type AreaBasis, DEFAULT_AREA_BASIS } from '../area/netArea';
import type { Table, TableColumn } from '../table';
import { DLBM_NAMES } from '../layers/codes';
import type { Layer } from '../layers/layer';
import { layerOverlaps } from '../overlay/overlaps';
import type { Parcel } from '../types';
import { controlledRound } from './controlledRounding';
import { attrOf, locationCode } from '../layers/attrTable';
import { parcelNetFactor as netFactorOf } from '../analysis/indicators/netFactor';

export type TableUnit = 'ha' | 'mu';
const UNIT_ZH: Record<TableUnit, string> = { ha: '公顷', mu: '亩' };
/** Hundredths of the unit per m². */
const PER_M2: Record<TableUnit, number> = { ha: 100 / 10_000, mu: (100 * 3) / 2000 };

const FIRST_LEVEL: Record<string, string> = {
  '00': '湿地', '01': '耕地', '02': '种植园用地', '03': '林地', '04': '草地', '05': '商业服务业用地', '06': '工矿用地', '07': '住宅用地',
  '08': '公共管理与公共服务用地', '09': '特殊用地', '10': '交通运输用地', '11': '水域及水利设施用地', '12': '其他土地',
};
const UNKNOWN = '未填写';

interface LeafColumn {
  key: string;
  label: string;
  /** Group (一级) key and label; leaves of one group are adjacent. */
  group: string;
  groupLabel: string;
}

export interface StandardTablesOptions {
  basis?: AreaBasis;
  /** Names of administrative units by code (township / village names from a boundary layer or targets table). */
  names?: ReadonlyMap<string, string>;
  units?: readonly TableUnit[];
}

/** DLBM normalised to the 三调 4-digit form (二调 011 → 0101). */
function dlbmKey(dlbm: string | undefined): string | undefined {
  if (dlbm === undefined) return undefined;
  const d = dlbm.trim();
  if (/^\d{3}$/.test(d)) return `${d.slice(0, 2)}0${d[2]}`;
  return d === '' ? undefined : d;
}

interface RowKey {
  county: string;
  township: string;
  village: string;
}
function rowKey(p: Parcel): RowKey {
  const c = locationCode(p);
  if (c === undefined || c.length < 6) return { county: UNKNOWN, township: UNKNOWN, village: UNKNOWN };
  return { county: c.slice(0, 6), township: c.length >= 9 ? c.slice(0, 9) : UNKNOWN, village: c.length >= 12 ? c.slice(0, 12) : UNKNOWN };
}

/**
 * One standard table in one unit. `contrib(p)` gives a parcel's parts: [leaf column key, m²]. Leaves are listed in
 * `leaves` (only those with area are kept, plus `always`).
 */
function buildTable(
  layer: Layer,
  title: string,
  unit: TableUnit,
  leaves: readonly LeafColumn[],
  contrib: (p: Parcel, i: number) => [string, number][],
  opts: { names?: ReadonlyMap<string, string>; always?: ReadonlySet<string>; grouped: boolean },
): Table {
  const villages = new Map<string, { key: RowKey; name: string; cells: Map<string, number> }>();
  const used = new Set<string>(opts.always ?? []);
  for (let i = 0; i < layer.parcels.length; i++) {
    const p = layer.parcels[i];
    const parts = contrib(p, i);
    if (!parts.length) continue;
    const k = rowKey(p);
    const id = `${k.county}|${k.township}|${k.village}`;
    let v = villages.get(id);
    if (!v) {
      const code = locationCode(p);
      const name = opts.names?.get(k.village) ?? (code !== undefined && code.length >= 12 && /^0*$/.test(code.slice(12)) ? (attrOf(p, 'zldwmc') ?? '') : '');
      v = { key: k, name, cells: new Map() };
      villages.set(id, v);
    }
    if (v.name === '') {
      const code = locationCode(p);
      const name = attrOf(p, 'zldwmc');
      if (code !== undefined && code.length >= 12 && /^0*$/.test(code.slice(12)) && name) v.name = name;
    }
    for (const [col, m2] of parts) {
      if (!(m2 > 0)) continue;
      used.add(col);
      v.cells.set(col, (v.cells.get(col) ?? 0) + m2);
    }
  }
  const cols = leaves.filter((l) => used.has(l.key));
  const order = [...villages.values()].sort((a, b) => cmp(a.key.county, b.key.county) || cmp(a.key.township, b.key.township) || cmp(a.key.village, b.key.village));
  const rounded = controlledRound(order.map((v) => cols.map((c) => (v.cells.get(c.key) ?? 0) * PER_M2[unit])));
  // groups of leaf columns (一级), in order
  const groups: { key: string; label: string; leaves: number[] }[] = [];
  cols.forEach((c, j) => {
    const g = groups[groups.length - 1];
    if (g && g.key === c.group) g.leaves.push(j);
    else groups.push({ key: c.group, label: c.groupLabel, leaves: [j] });
  });
  const header: TableColumn[] = [{ header: '行政区代码', width: 14 }, { header: '行政区名称', width: 14 }, { header: '级别', width: 6 }, { header: `合计(${UNIT_ZH[unit]})`, numFmt: '0.00', width: 14 }];
  const colOrder: ({ leaf: number } | { group: number })[] = [];
  groups.forEach((g, gi) => {
    if (opts.grouped) {
      header.push({ header: g.label.startsWith(g.key) ? g.label : `${g.key} ${g.label}`, numFmt: '0.00', width: 14 });
      colOrder.push({ group: gi });
    }
    for (const j of g.leaves) {
      if (opts.grouped && g.leaves.length === 1 && cols[j].key === g.key) continue;
      header.push({ header: cols[j].label, numFmt: '0.00', width: 12 });
      colOrder.push({ leaf: j });
    }
  });
  const line = (code: string, name: string, level: string, cents: number[]): unknown[] => {
    const total = cents.reduce((a, b) => a + b, 0);
    const out: unknown[] = [code, name, level, total / 100];
    for (const c of colOrder) out.push(('leaf' in c ? cents[c.leaf] : groups[c.group].leaves.reduce((a, j) => a + cents[j], 0)) / 100);
    return out;
  };
  const sumRows = (idx: number[]) => cols.map((_, j) => idx.reduce((a, i) => a + rounded.cells[i][j], 0));
  const rows: unknown[][] = [];
  const name = (code: string) => (code === UNKNOWN ? '' : (opts.names?.get(code) ?? ''));
  const counties = unique(order.map((v) => v.key.county));
  for (const county of counties) {
    const inCounty = order.map((v, i) => (v.key.county === county ? i : -1)).filter((i) => i >= 0);
    rows.push(line(county, name(county), '县', sumRows(inCounty)));
    for (const town of unique(inCounty.map((i) => order[i].key.township))) {
      const inTown = inCounty.filter((i) => order[i].key.township === town);
      rows.push(line(town, name(town), '乡', sumRows(inTown)));
      for (const i of inTown) rows.push(line(order[i].key.village, order[i].name || name(order[i].key.village), '村', rounded.cells[i]));
    }
  }
  return { name: `${title}(${UNIT_ZH[unit]})`, columns: header, rows };
}

const cmp = (a: string, b: string) => (a === b ? 0 : a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : a < b ? -1 : 1);
const unique = (xs: string[]) => [...new Set(xs)];

/** 土地利用现状 leaves: every DLBM of the layer (4-digit), 1203 田坎, unknown. */
function landUseLeaves(layer: Layer): LeafColumn[] {
  const keys = new Set<string>(['1203']);
  for (const p of layer.parcels) keys.add(dlbmKey(attrOf(p, 'dlbm')) ?? UNKNOWN);
  return [...keys]
    .sort((a, b) => cmp(a, b))
    .map((k) => {
      const g = k === UNKNOWN ? UNKNOWN : k.slice(0, 2);
      return { key: k, label: k === UNKNOWN ? `${UNKNOWN}地类` : `${k} ${DLBM_NAMES[k] ?? ''}`.trim(), group: g, groupLabel: g === UNKNOWN ? `${UNKNOWN}地类` : (FIRST_LEVEL[g] ?? '') };
    });
}

/** The four standard tables, each in 公顷 and 亩 (eight tables; see the file comment). */
export function standardTables(layer: Layer, opts: StandardTablesOptions = {}): Table[] {
  const basis = opts.basis ?? DEFAULT_AREA_BASIS;
  const units = opts.units ?? (['ha', 'mu'] as const);
  const names = opts.names;
  const farm = (p: Parcel) => attrOf(p, 'landClass') !== undefined;
  // overlaps inside the layer counted once, as in the summary (a clean 地类图斑 layer has none)
  const eff = layerOverlaps(layer).effectiveAreaM2;
  const farmM2 = (p: Parcel, i: number) => (basis === 'net' ? eff[i] * netFactorOf(p) : eff[i]);

  const landLeaves = landUseLeaves(layer);
  const landUse = (p: Parcel, i: number): [string, number][] => {
    const net = eff[i] * netFactorOf(p);
    return [[dlbmKey(attrOf(p, 'dlbm')) ?? UNKNOWN, net], ['1203', eff[i] - net]];
  };

  const slopeLeaves: LeafColumn[] = [];
  for (let c = 1; c <= 5; c++) {
    const g = String(c);
    const gl = `${c}级`;
    if (c === 1) slopeLeaves.push({ key: '1', label: '1级', group: g, groupLabel: gl });
    else
      for (const [k, l] of [['TT', '梯田'], ['PD', '坡地'], ['', '未分']] as const) slopeLeaves.push({ key: `${c}${k}`, label: `${c}级${l}`, group: g, groupLabel: gl });
  }
  slopeLeaves.push({ key: UNKNOWN, label: UNKNOWN, group: UNKNOWN, groupLabel: `${UNKNOWN}坡度级` });
  const slope = (p: Parcel, i: number): [string, number][] => {
    if (!farm(p)) return [];
    const s = attrOf(p, 'gdpdjb');
    if (s === undefined || !Number.isInteger(s) || s < 1 || s > 5) return [[UNKNOWN, farmM2(p, i)]];
    if (s === 1) return [['1', farmM2(p, i)]];
    const t = (attrOf(p, 'gdlx') ?? '').trim().toUpperCase();
    return [[`${s}${t === 'TT' || t === 'PD' ? t : ''}`, farmM2(p, i)]];
  };
  const gradeLeaves = (max: number, suffix: string): LeafColumn[] => [
    ...Array.from({ length: max }, (_, i) => ({ key: String(i + 1), label: `${i + 1}${suffix}`, group: String(i + 1), groupLabel: `${i + 1}${suffix}` })),
    { key: UNKNOWN, label: UNKNOWN, group: UNKNOWN, groupLabel: UNKNOWN },
  ];
  const graded = (get: (p: Parcel) => number | undefined, max: number) => (p: Parcel, i: number): [string, number][] => {
    if (!farm(p)) return [];
    const v = get(p);
    return [[v !== undefined && Number.isInteger(v) && v >= 1 && v <= max ? String(v) : UNKNOWN, farmM2(p, i)]];
  };
  const always1to = (max: number) => new Set(Array.from({ length: max }, (_, i) => String(i + 1)));
  const out: Table[] = [];
  for (const u of units) {
    out.push(buildTable(layer, '土地利用现状', u, landLeaves, landUse, { names, grouped: true }));
    out.push(buildTable(layer, '耕地坡度分级', u, slopeLeaves, slope, { names, grouped: true, always: new Set(['1', '2PD', '3PD', '4PD', '5PD']) }));
    out.push(buildTable(layer, '耕地质量等级', u, gradeLeaves(10, '等'), graded((p) => attrOf(p, 'gddj'), 10), { names, grouped: false, always: always1to(10) }));
    out.push(buildTable(layer, '耕地等别', u, gradeLeaves(15, '等'), graded((p) => attrOf(p, 'gddb'), 15), { names, grouped: false, always: always1to(15) }));
  }
  return out;
}
