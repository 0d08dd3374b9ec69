/**
 * Protection targets (保护任务): the national figures built in, per-region allocated targets read from a documented
 * JSON or CSV table (docs/targets-format.md), and the evaluation of achieved area against them.
 *
 * Reading never throws: a bad row becomes a finding naming file, row and field, and is left out.
 */
import { m2ToMu } from '../area/units';
import { readRecordRows } from '../io/recordRows';
import type { Finding } from '../types';

/** 全国耕地保有量 and 永久基本农田保护面积 (亩), 2024 opinion / 国土空间规划纲要 (docs/domain.md §5). */
export const NATIONAL_TARGETS = { cultivatedMu: 18.65e8, permanentBasicMu: 15.46e8 } as const;

export type TargetLevel = 'county' | 'township' | 'village';
export const TARGET_LEVEL_DIGITS: Record<TargetLevel, number> = { county: 6, township: 9, village: 12 };
const LEVEL_ZH: Record<TargetLevel, string> = { county: '县级', township: '乡级', village: '村级' };
const LEVEL_ALIASES: Record<string, TargetLevel> = {
  county: 'county', 县: 'county', 县级: 'county', 区县: 'county',
  township: 'township', 乡: 'township', 乡级: 'township', 乡镇: 'township', 镇: 'township',
  village: 'village', 村: 'village', 村级: 'village',
};

export interface RegionTarget {
  code: string;
  name: string;
  level: TargetLevel;
  /** 耕地保有量 allocated (亩); undefined when the table leaves it empty. */
  cultivatedMu?: number;
  /** 永久基本农田保护面积 allocated (亩). */
  permanentBasicMu?: number;
  /** Where it came from (1-based data row; JSON: index in "regions" + 1). */
  row: number;
}

export interface TargetTable {
  file: string;
  regions: RegionTarget[];
}

export interface TargetsRead {
  table: TargetTable;
  findings: Finding[];
}

export const TARGET_CSV_HEADER = ['code', 'name', 'level', 'cultivated_mu', 'permanent_basic_mu'] as const;

/** Read a targets table from JSON or CSV text/bytes (UTF-8, BOM optional). The format is sniffed from content. */
export function parseTargets(input: string | Uint8Array, file: string): TargetsRead {
  const findings: Finding[] = [];
  const table: TargetTable = { file, regions: [] };
  const err = (message: string, field?: string, row?: number): void => {
    findings.push({ severity: 'error', code: field ? `targets.${field}` : 'targets.format', message, file, featureIndex: row, field });
  };
  const raws = readRecordRows(
    input,
    file,
    { empty: '目标表为空 / targets file is empty', list: 'regions', item: { en: 'region', field: 'region' }, header: TARGET_CSV_HEADER, headerHint: TARGET_CSV_HEADER.join(',') },
    err,
  );
  if (!raws) return { table, findings };
  const seen = new Map<string, number>();
  for (const r of raws) {
    const where = `${file} 第 ${r.row} 行 / row ${r.row}`;
    const rawCode = r.get('code');
    const code = typeof rawCode === 'number' && Number.isInteger(rawCode) ? String(rawCode) : typeof rawCode === 'string' ? rawCode.trim() : '';
    if (!/^\d{6,19}$/.test(code)) {
      err(`${where}: code "${String(rawCode ?? '')}" 不是 6–19 位数字的区划代码 / is not a 6–19 digit region code`, 'code', r.row);
      continue;
    }
    const rawLevel = r.get('level');
    const levelText = typeof rawLevel === 'string' ? rawLevel.trim() : '';
    const level = LEVEL_ALIASES[levelText.toLowerCase()] ?? LEVEL_ALIASES[levelText];
    if (!level) {
      err(`${where}: level "${String(rawLevel ?? '')}" 应为 county|township|village / must be county, township or village`, 'level', r.row);
      continue;
    }
    const digits = TARGET_LEVEL_DIGITS[level];
    let normCode = code;
    if (code.length > digits && /^0+$/.test(code.slice(digits))) normCode = code.slice(0, digits);
    if (normCode.length !== digits) {
      err(`${where}: code ${code} 与级别 ${level}（${LEVEL_ZH[level]}，${digits} 位）不符 / does not have the ${digits} digits of a ${level} code`, 'code', r.row);
      continue;
    }
    const rawName = r.get('name');
    const name = typeof rawName === 'string' ? rawName.trim() : typeof rawName === 'number' ? String(rawName) : '';
    let bad = false;
    const num = (field: 'cultivated_mu' | 'permanent_basic_mu'): number | undefined => {
      const v = r.get(field);
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(/,/g, '')) : Number.NaN;
      if (!Number.isFinite(n) || n < 0) {
        err(`${where}: ${field} "${String(v)}" 不是非负数（亩） / is not a non-negative number of mu`, field, r.row);
        bad = true;
        return undefined;
      }
      return n;
    };
    const cultivatedMu = num('cultivated_mu');
    const permanentBasicMu = num('permanent_basic_mu');
    if (bad) continue;
    if (cultivatedMu === undefined && permanentBasicMu === undefined) {
      err(`${where}: cultivated_mu 与 permanent_basic_mu 都为空 / both targets are empty`, 'cultivated_mu', r.row);
      continue;
    }
    if (cultivatedMu !== undefined && permanentBasicMu !== undefined && permanentBasicMu > cultivatedMu)
      findings.push({
        severity: 'warning',
        code: 'targets.permanent_basic_mu',
        message: `${where}: 永久基本农田任务 ${permanentBasicMu} 亩大于耕地保有量 ${cultivatedMu} 亩 / permanent-basic target exceeds the cultivated target`,
        file,
        featureIndex: r.row,
        field: 'permanent_basic_mu',
      });
    const prev = seen.get(normCode);
    if (prev !== undefined) {
      err(`${where}: code ${normCode} 与第 ${prev} 行重复 / duplicates row ${prev}`, 'code', r.row);
      continue;
    }
    seen.set(normCode, r.row);
    const t: RegionTarget = { code: normCode, name, level, row: r.row };
    if (cultivatedMu !== undefined) t.cultivatedMu = cultivatedMu;
    if (permanentBasicMu !== undefined) t.permanentBasicMu = permanentBasicMu;
    table.regions.push(t);
  }
  return { table, findings };
}

export type TargetMetric = 'cultivated' | 'permanent-basic';

/** Achieved against a target, in 亩. */
export interface TargetLine {
  metric: TargetMetric;
  targetMu: number;
  /** Achieved area (亩); null when no layer of that kind was loaded. */
  achievedMu: number | null;
  /** achieved − target: ≥ 0 surplus (盈余), < 0 gap (缺口). null without data. */
  balanceMu: number | null;
  /** max(0, target − achieved). */
  gapMu: number | null;
  /** max(0, achieved − target). */
  surplusMu: number | null;
  /** achieved / target (null when the target is 0 or there is no data). */
  ratio: number | null;
  status: 'met' | 'short' | 'no-data';
  /** The target as a share of the national target. */
  targetShareOfNational: number;
  /** The achieved area as a share of the national target. */
  achievedShareOfNational: number | null;
}

export interface RegionEvaluation {
  code: string;
  name: string;
  level: TargetLevel | 'national' | 'selection';
  lines: TargetLine[];
}

export interface TargetEvaluation {
  national: { cultivatedMu: number; permanentBasicMu: number };
  /** The selected region (the whole country when no region is selected). */
  selected: RegionEvaluation;
  /** Its child regions in the table (the next level down that the table holds). */
  children: RegionEvaluation[];
}

/** Achieved areas (m²) by metric: the total of the selection and per region code. */
export interface Achieved {
  cultivated?: { totalM2: number; byCode: ReadonlyMap<string, number> };
  'permanent-basic'?: { totalM2: number; byCode: ReadonlyMap<string, number> };
}

export function targetLine(metric: TargetMetric, targetMu: number, achievedM2: number | undefined): TargetLine {
  const national = metric === 'cultivated' ? NATIONAL_TARGETS.cultivatedMu : NATIONAL_TARGETS.permanentBasicMu;
  if (achievedM2 === undefined)
    return {
      metric, targetMu, achievedMu: null, balanceMu: null, gapMu: null, surplusMu: null, ratio: null, status: 'no-data',
      targetShareOfNational: targetMu / national, achievedShareOfNational: null,
    };
  const achievedMu = m2ToMu(achievedM2);
  const balanceMu = achievedMu - targetMu;
  return {
    metric,
    targetMu,
    achievedMu,
    balanceMu,
    gapMu: Math.max(0, -balanceMu),
    surplusMu: Math.max(0, balanceMu),
    ratio: targetMu > 0 ? achievedMu / targetMu : null,
    status: balanceMu >= 0 ? 'met' : 'short',
    targetShareOfNational: targetMu / national,
    achievedShareOfNational: achievedMu / national,
  };
}

function regionLines(t: RegionTarget, achieved: Achieved): TargetLine[] {
  const lines: TargetLine[] = [];
  if (t.cultivatedMu !== undefined) lines.push(targetLine('cultivated', t.cultivatedMu, achieved.cultivated ? (achieved.cultivated.byCode.get(t.code) ?? 0) : undefined));
  if (t.permanentBasicMu !== undefined)
    lines.push(targetLine('permanent-basic', t.permanentBasicMu, achieved['permanent-basic'] ? (achieved['permanent-basic'].byCode.get(t.code) ?? 0) : undefined));
  return lines;
}

/**
 * Evaluate achieved areas against targets. Without a region: the selection is the country, measured against the
 * national targets, and the children are the table's top-level regions (its shortest codes). With a region code:
 * the selection is that region (its table row, when present — else no target lines) and the children are the
 * table's regions under it at the next level the table holds.
 */
export function evaluateTargets(table: TargetTable | undefined, achieved: Achieved, opts: { region?: string } = {}): TargetEvaluation {
  const regions = table?.regions ?? [];
  const region = opts.region ?? '';
  let selected: RegionEvaluation;
  if (region === '') {
    selected = {
      code: '',
      name: '全国',
      level: 'national',
      lines: [
        targetLine('cultivated', NATIONAL_TARGETS.cultivatedMu, achieved.cultivated?.totalM2),
        targetLine('permanent-basic', NATIONAL_TARGETS.permanentBasicMu, achieved['permanent-basic']?.totalM2),
      ],
    };
  } else {
    const row = regions.find((r) => r.code === region);
    const totals: Achieved = {};
    if (achieved.cultivated) totals.cultivated = { totalM2: achieved.cultivated.totalM2, byCode: new Map([[region, achieved.cultivated.totalM2]]) };
    if (achieved['permanent-basic'])
      totals['permanent-basic'] = { totalM2: achieved['permanent-basic'].totalM2, byCode: new Map([[region, achieved['permanent-basic'].totalM2]]) };
    selected = row
      ? { code: row.code, name: row.name, level: row.level, lines: regionLines(row, totals) }
      : { code: region, name: '', level: 'selection', lines: [] };
  }
  const under = regions.filter((r) => r.code.startsWith(region) && r.code !== region);
  const childLen = under.length ? Math.min(...under.map((r) => r.code.length)) : 0;
  const children = under
    .filter((r) => r.code.length === childLen)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => ({ code: r.code, name: r.name, level: r.level, lines: regionLines(r, achieved) }));
  return { national: { ...NATIONAL_TARGETS }, selected, children };
}
