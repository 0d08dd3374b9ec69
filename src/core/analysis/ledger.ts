/**
 * 以补定占 ledger. The 2024 opinion (十一): "在实现耕地总量动态平衡前提下，将省域内稳定利用耕地净增加量作为下年度
 * 非农建设允许占用耕地规模上限，对违法建设相应冻结补充耕地指标" — a year's net increase of stably used 耕地 caps the
 * next year's non-agricultural occupation; illegal construction freezes supplementary quota.
 *
 * The rule as computed here (every knob is a LedgerOptions field; defaults in DEFAULT_LEDGER_OPTIONS):
 *   supplemented(Y)  = Σ mu of supplement projects in year Y that are stably used (`stable` ≠ false;
 *                      unstable ones count only with countUnstable)
 *   occupied(Y)      = Σ mu of every occupation in Y (非农建设 and agricultural uses alike — all reduce 耕地)
 *   net(Y)           = supplemented(Y) − occupied(Y)
 *   frozen(Y)        = freezeRatio × Σ mu of occupations in Y marked illegal
 *   cap(Y + 1)       = max(0, capRatio × net(Y) − frozen(Y)); 0 when net(Y) < 0 (总量动态平衡 not achieved)
 *   used(Y)          = occupation counted against the cap: purpose "construction" only (default) or all
 *   remaining(Y)     = cap(Y) − used(Y) (negative: the cap is exceeded). cap of a region's first year comes from
 *                      initialCaps[region] when given, else it is unknown (null).
 * The policy sets the cap per province; the ledger applies the same rule to whatever regions the projects name.
 */
import { readRecordRows } from '../io/recordRows';
import type { Table, TableColumn } from '../table';
import type { Finding } from '../types';

export type ProjectType = 'occupation' | 'supplement';
export type OccupationPurpose = 'construction' | 'agriculture';

export interface LedgerProject {
  region: string;
  year: number;
  type: ProjectType;
  mu: number;
  name: string;
  /** Supplement: stably used (验收合格、稳定利用). Default true. */
  stable?: boolean;
  /** Occupation: 非农建设 (construction, default) or agricultural use (造林种树、种果种茶 …). */
  purpose?: OccupationPurpose;
  /** Occupation: illegal construction (违法建设) — freezes supplementary quota. */
  illegal?: boolean;
  /** 1-based row / item in the source file (0 when built in code). */
  row?: number;
}

export interface LedgerOptions {
  /** Share of the net increase that becomes next year's cap. Default 1. */
  capRatio: number;
  /** Count supplements not marked stable. Default false. */
  countUnstable: boolean;
  /** Occupation counted against the cap: 'construction' (非农建设, the policy's wording) or 'all'. */
  capAppliesTo: 'construction' | 'all';
  /** 亩 of quota frozen per 亩 of illegal occupation. Default 1. */
  freezeRatio: number;
  /** Cap of a region's first year in the ledger (亩), when known from outside. */
  initialCaps: Record<string, number>;
}

export const DEFAULT_LEDGER_OPTIONS: LedgerOptions = { capRatio: 1, countUnstable: false, capAppliesTo: 'construction', freezeRatio: 1, initialCaps: {} };

export interface LedgerRow {
  region: string;
  year: number;
  /** Stably used supplement counted (亩). */
  supplementedMu: number;
  /** Supplement left out as not stably used (亩). */
  unstableMu: number;
  /** All occupation (亩). */
  occupiedMu: number;
  /** Occupation counted against this year's cap (亩). */
  usedMu: number;
  /** Quota frozen by illegal construction (亩). */
  frozenMu: number;
  /** supplemented − occupied (亩). */
  netIncreaseMu: number;
  /** 总量动态平衡: net ≥ 0. */
  balanced: boolean;
  /** This year's cap (from last year's net), null when unknown. */
  capMu: number | null;
  /** cap − used; null when the cap is unknown. */
  remainingMu: number | null;
  exceeded: boolean;
  /** The cap this year's figures give next year. */
  nextYearCapMu: number;
  projects: number;
}

export interface LedgerReport {
  options: LedgerOptions;
  rows: LedgerRow[];
  /** Per year over all regions (meaningful when regions do not nest). */
  totals: LedgerRow[];
  /** The rule in words, for exports. */
  rule: string[];
}

export function ledgerRule(o: LedgerOptions): string[] {
  return [
    `净增加 = 稳定利用的补充耕地 − 占用耕地（含非农建设与农业用途）${o.countUnstable ? '（未稳定利用的补充也计入）' : ''} / net = stable supplement − all occupation`,
    `下年度占用上限 = max(0, ${o.capRatio} × 净增加 − ${o.freezeRatio} × 违法建设占用)；净增加 < 0 时为 0 / next cap = max(0, ${o.capRatio}·net − ${o.freezeRatio}·illegal)`,
    `计入上限的占用：${o.capAppliesTo === 'construction' ? '仅非农建设' : '全部占用'} / counted against the cap: ${o.capAppliesTo}`,
    '本年剩余 = 本年上限 − 本年计入上限的占用 / remaining = cap − used',
  ];
}

interface Acc {
  supplemented: number;
  unstable: number;
  occupied: number;
  used: number;
  illegal: number;
  projects: number;
}
const ACC_KEYS = ['supplemented', 'unstable', 'occupied', 'used', 'illegal', 'projects'] as const satisfies readonly (keyof Acc)[];
const emptyAcc = (): Acc => ({ supplemented: 0, unstable: 0, occupied: 0, used: 0, illegal: 0, projects: 0 });

function rowFrom(region: string, year: number, a: Acc, cap: number | null, o: LedgerOptions): LedgerRow {
  const net = a.supplemented - a.occupied;
  const frozen = o.freezeRatio * a.illegal;
  const balanced = net >= 0;
  const next = balanced ? Math.max(0, o.capRatio * net - frozen) : 0;
  const remaining = cap === null ? null : cap - a.used;
  return {
    region,
    year,
    supplementedMu: a.supplemented,
    unstableMu: a.unstable,
    occupiedMu: a.occupied,
    usedMu: a.used,
    frozenMu: frozen,
    netIncreaseMu: net,
    balanced,
    capMu: cap,
    remainingMu: remaining,
    exceeded: remaining !== null && remaining < 0,
    nextYearCapMu: next,
    projects: a.projects,
  };
}

/** The ledger: per region and year (every year from a region's first to its last, gaps filled with zeros). */
export function ledger(projects: readonly LedgerProject[], opts: Partial<LedgerOptions> = {}): LedgerReport {
  const o: LedgerOptions = { ...DEFAULT_LEDGER_OPTIONS, ...opts, initialCaps: { ...(opts.initialCaps ?? {}) } };
  const byRegion = new Map<string, Map<number, Acc>>();
  for (const p of projects) {
    if (!Number.isFinite(p.mu) || p.mu < 0 || !Number.isInteger(p.year)) continue;
    let years = byRegion.get(p.region);
    if (!years) {
      years = new Map();
      byRegion.set(p.region, years);
    }
    let a = years.get(p.year);
    if (!a) {
      a = emptyAcc();
      years.set(p.year, a);
    }
    a.projects++;
    if (p.type === 'supplement') {
      if (p.stable === false && !o.countUnstable) a.unstable += p.mu;
      else a.supplemented += p.mu;
    } else {
      a.occupied += p.mu;
      if (o.capAppliesTo === 'all' || (p.purpose ?? 'construction') === 'construction') a.used += p.mu;
      if (p.illegal) a.illegal += p.mu;
    }
  }
  const rows: LedgerRow[] = [];
  const regions = [...byRegion.keys()].sort();
  const yearTotals = new Map<number, Acc>();
  const yearCaps = new Map<number, number | null>();
  for (const region of regions) {
    const years = byRegion.get(region)!;
    const ys = [...years.keys()];
    const first = Math.min(...ys);
    const last = Math.max(...ys);
    const initial = o.initialCaps[region];
    let cap: number | null = initial !== undefined && Number.isFinite(initial) ? initial : null;
    for (let y = first; y <= last; y++) {
      const a = years.get(y) ?? emptyAcc();
      const row = rowFrom(region, y, a, cap, o);
      rows.push(row);
      cap = row.nextYearCapMu;
      const t = yearTotals.get(y) ?? emptyAcc();
      for (const k of ACC_KEYS) t[k] += a[k];
      yearTotals.set(y, t);
      const prevCap = yearCaps.has(y) ? yearCaps.get(y)! : 0;
      yearCaps.set(y, prevCap === null || row.capMu === null ? null : prevCap + row.capMu);
    }
  }
  const totals = [...yearTotals.keys()]
    .sort((x, y) => x - y)
    .map((y) => {
      const t = rowFrom('合计', y, yearTotals.get(y)!, yearCaps.get(y) ?? null, o);
      // the total next-year cap is the sum of the regions' caps, not the cap of the summed net
      t.nextYearCapMu = rows.filter((r) => r.year === y).reduce((s, r) => s + r.nextYearCapMu, 0);
      return t;
    });
  return { options: o, rows, totals, rule: ledgerRule(o) };
}

const TYPE_ALIASES: Record<string, ProjectType> = {
  occupation: 'occupation', occupy: 'occupation', 占用: 'occupation', 占: 'occupation',
  supplement: 'supplement', 补充: 'supplement', 补: 'supplement',
};
const PURPOSE_ALIASES: Record<string, OccupationPurpose> = {
  construction: 'construction', 非农建设: 'construction', 建设: 'construction',
  agriculture: 'agriculture', 农业: 'agriculture', 造林: 'agriculture', 造林种树: 'agriculture', 种果种茶: 'agriculture',
};
const BOOL_ALIASES: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, 是: true, 否: false, y: true, n: false };

export const LEDGER_CSV_HEADER = ['region', 'year', 'type', 'mu', 'name'] as const;

/** Read ledger projects from JSON (`[…]` or `{"projects":[…]}`) or CSV; bad rows → findings, never throws. */
export function parseProjects(input: string | Uint8Array, file: string): { projects: LedgerProject[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const projects: LedgerProject[] = [];
  const err = (message: string, field?: string, row?: number) =>
    findings.push({ severity: 'error', code: field ? `ledger.${field}` : 'ledger.format', message, file, featureIndex: row, field });
  const items = readRecordRows(
    input,
    file,
    { empty: '文件为空 / file is empty', list: 'projects', item: { en: 'item', field: 'project' }, header: LEDGER_CSV_HEADER, headerHint: `${LEDGER_CSV_HEADER.join(',')}[,stable,purpose,illegal]` },
    err,
  );
  if (!items) return { projects, findings };
  for (const it of items) {
    const where = `${file} 第 ${it.row} 行 / row ${it.row}`;
    const str = (k: string) => {
      const v = it.get(k);
      return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
    };
    const region = str('region');
    if (region === '') {
      err(`${where}: region 为空 / region is empty`, 'region', it.row);
      continue;
    }
    const yearText = str('year');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2200) {
      err(`${where}: year "${String(it.get('year') ?? '')}" 不是年份 / is not a year`, 'year', it.row);
      continue;
    }
    const typeText = str('type');
    const type = TYPE_ALIASES[typeText.toLowerCase()] ?? TYPE_ALIASES[typeText];
    if (!type) {
      err(`${where}: type "${typeText}" 应为 occupation|supplement（占用|补充） / must be occupation or supplement`, 'type', it.row);
      continue;
    }
    const muText = str('mu').replace(/,/g, '');
    const mu = muText === '' ? Number.NaN : Number(muText);
    if (!Number.isFinite(mu) || mu < 0) {
      err(`${where}: mu "${String(it.get('mu') ?? '')}" 不是非负数（亩） / is not a non-negative number of mu`, 'mu', it.row);
      continue;
    }
    const p: LedgerProject = { region, year, type, mu, name: str('name'), row: it.row };
    const boolField = (k: 'stable' | 'illegal'): boolean | undefined | 'bad' => {
      const v = it.get(k);
      if (typeof v === 'boolean') return v;
      const s = str(k).toLowerCase();
      if (s === '') return undefined;
      return s in BOOL_ALIASES ? BOOL_ALIASES[s] : 'bad';
    };
    const stable = boolField('stable');
    const illegal = boolField('illegal');
    const purposeText = str('purpose');
    const purpose = purposeText === '' ? undefined : (PURPOSE_ALIASES[purposeText.toLowerCase()] ?? PURPOSE_ALIASES[purposeText]);
    if (stable === 'bad' || illegal === 'bad' || (purposeText !== '' && !purpose)) {
      const field = stable === 'bad' ? 'stable' : illegal === 'bad' ? 'illegal' : 'purpose';
      err(`${where}: ${field} "${str(field)}" 无法识别 / not understood`, field, it.row);
      continue;
    }
    if (stable !== undefined) p.stable = stable;
    if (illegal !== undefined) p.illegal = illegal;
    if (purpose !== undefined) p.purpose = purpose;
    projects.push(p);
  }
  return { projects, findings };
}

/**
 * Ledger options from JSON (`--config`): {"cap_ratio": 1, "count_unstable": false, "cap_applies_to":
 * "construction"|"all", "freeze_ratio": 1, "initial_caps": {"REGION": 亩}} — or the same under a "ledger" key.
 * Bad values → findings, the default stays.
 */
export function parseLedgerOptions(json: unknown, file: string): { options: Partial<LedgerOptions>; findings: Finding[] } {
  const findings: Finding[] = [];
  const options: Partial<LedgerOptions> = {};
  const bad = (field: string, why: string) =>
    findings.push({ severity: 'error', code: `ledger.option.${field}`, message: `${file}: ${field} ${why}，使用默认值 / ${why}; the default is used`, file, field });
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(json)) {
    bad('(root)', '不是 JSON 对象 / is not a JSON object');
    return { options, findings };
  }
  const o = isObj(json.ledger) ? json.ledger : json;
  const ratio = (k: 'cap_ratio' | 'freeze_ratio', key: 'capRatio' | 'freezeRatio') => {
    const v = o[k];
    if (v === undefined) return;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) options[key] = v;
    else bad(k, `"${String(v)}" 应为非负数 / must be a non-negative number`);
  };
  ratio('cap_ratio', 'capRatio');
  ratio('freeze_ratio', 'freezeRatio');
  if (o.count_unstable !== undefined) {
    if (typeof o.count_unstable === 'boolean') options.countUnstable = o.count_unstable;
    else bad('count_unstable', '应为 true/false / must be true or false');
  }
  if (o.cap_applies_to !== undefined) {
    if (o.cap_applies_to === 'construction' || o.cap_applies_to === 'all') options.capAppliesTo = o.cap_applies_to;
    else bad('cap_applies_to', `"${String(o.cap_applies_to)}" 应为 construction|all / must be construction or all`);
  }
  if (o.initial_caps !== undefined) {
    if (!isObj(o.initial_caps)) bad('initial_caps', '应为 {区域: 亩} / must be {region: mu}');
    else {
      const caps: Record<string, number> = {};
      for (const [region, v] of Object.entries(o.initial_caps)) {
        if (typeof v === 'number' && Number.isFinite(v) && v >= 0) caps[region] = v;
        else bad(`initial_caps.${region}`, `"${String(v)}" 应为非负数 / must be a non-negative number`);
      }
      options.initialCaps = caps;
    }
  }
  return { options, findings };
}

/** The ledger as a table (Chinese headers): region rows, then 合计 rows per year. */
export function ledgerTable(r: LedgerReport): Table {
  const MU = '#,##0.00';
  const cols: TableColumn[] = [
    { header: '区域', width: 14 }, { header: '年度', width: 8 }, { header: '项目数', width: 8 },
    { header: '补充耕地(稳定利用,亩)', numFmt: MU, width: 18 }, { header: '未计入的补充(未稳定利用,亩)', numFmt: MU, width: 18 },
    { header: '占用耕地(亩)', numFmt: MU, width: 14 }, { header: '计入上限的占用(亩)', numFmt: MU, width: 16 }, { header: '违法建设冻结(亩)', numFmt: MU, width: 14 },
    { header: '净增加(亩)', numFmt: MU, width: 14 }, { header: '总量动态平衡', width: 10 },
    { header: '本年占用上限(亩)', numFmt: MU, width: 16 }, { header: '本年剩余(亩)', numFmt: MU, width: 14 }, { header: '超出上限', width: 8 },
    { header: '下年度占用上限(亩)', numFmt: MU, width: 16 },
  ];
  const row = (x: LedgerRow) => [
    x.region, x.year, x.projects, x.supplementedMu, x.unstableMu, x.occupiedMu, x.usedMu, x.frozenMu, x.netIncreaseMu, x.balanced ? '是' : '否',
    x.capMu, x.remainingMu, x.exceeded ? '是' : '否', x.nextYearCapMu,
  ];
  return { name: '以补定占台账', columns: cols, rows: [...r.rows.map(row), ...(r.totals.length && new Set(r.rows.map((x) => x.region)).size > 1 ? r.totals.map(row) : [])] };
}
