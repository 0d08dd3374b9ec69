/**
 * 耕地保护经济奖惩 (2024 opinion): a region short of its allocated 耕地保有量 / 永久基本农田保护任务 pays compensation
 * for the 缺口, a region carrying more than its task is rewarded for the surplus. Provinces set the rates; no national
 * table exists, so these are ILLUSTRATIVE DEFAULTS, editable in the analysis config file (the same file as
 * analysis/config.ts reads, key "reward_penalty"):
 *
 *   {"reward_penalty": {"cultivated":      {"gap_yuan_per_mu": 3000, "surplus_yuan_per_mu": 1000},
 *                       "permanent_basic": {"gap_yuan_per_mu": 5000, "surplus_yuan_per_mu": 1500}}}
 *
 * For each target line (targets.ts): compensation owed = 缺口 亩 × gap rate, reward due = 盈余 亩 × surplus rate,
 * net = reward − compensation (元). The achieved area is the targets' (the summary's layer area); when the engine
 * moves targets to 地类面积 (issue #15), this follows.
 */
import type { Finding } from '../../types';
import type { RegionEvaluation, TargetEvaluation, TargetLine, TargetMetric } from '../targets';

export interface RewardRate {
  /** 元 per 亩 of 缺口 (target − achieved), owed as compensation. */
  gapYuanPerMu: number;
  /** 元 per 亩 of surplus (achieved − target), due as reward. */
  surplusYuanPerMu: number;
}

export interface RewardRates {
  cultivated: RewardRate;
  'permanent-basic': RewardRate;
  /** Where the rates came from. */
  source: string;
}

export const DEFAULT_REWARD_RATES: Readonly<RewardRates> = Object.freeze({
  cultivated: Object.freeze({ gapYuanPerMu: 3000, surplusYuanPerMu: 1000 }),
  'permanent-basic': Object.freeze({ gapYuanPerMu: 5000, surplusYuanPerMu: 1500 }),
  source: 'built-in illustrative defaults / 内置示例参数',
});

export const defaultRewardRates = (): RewardRates => ({
  cultivated: { ...DEFAULT_REWARD_RATES.cultivated },
  'permanent-basic': { ...DEFAULT_REWARD_RATES['permanent-basic'] },
  source: DEFAULT_REWARD_RATES.source,
});

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Read the "reward_penalty" member of a config file's JSON (absent: the defaults). Bad values become findings naming
 * the file and field, and the default stays. Never throws.
 */
export function parseRewardRates(json: unknown, file: string): { rates: RewardRates; findings: Finding[] } {
  const rates = defaultRewardRates();
  const findings: Finding[] = [];
  const bad = (field: string, msg: string) => findings.push({ severity: 'error', code: 'config.value', message: `${file}: ${field} ${msg}`, file, field });
  if (!isObj(json) || json.reward_penalty === undefined) return { rates, findings };
  const rp = json.reward_penalty;
  if (!isObj(rp)) {
    bad('reward_penalty', '必须是对象 / must be an object');
    return { rates, findings };
  }
  rates.source = file;
  const known: Record<string, TargetMetric> = { cultivated: 'cultivated', permanent_basic: 'permanent-basic', 'permanent-basic': 'permanent-basic' };
  for (const [k, v] of Object.entries(rp)) {
    if (k === '//' || k === 'note' || k === 'comment') continue;
    const metric = known[k];
    if (!metric) {
      findings.push({ severity: 'warning', code: 'config.unknown', message: `${file}: 未知字段 "reward_penalty.${k}" 已忽略 / unknown key ignored`, file, field: `reward_penalty.${k}` });
      continue;
    }
    if (!isObj(v)) {
      bad(`reward_penalty.${k}`, '必须是对象 / must be an object');
      continue;
    }
    for (const [field, key] of [['gap_yuan_per_mu', 'gapYuanPerMu'], ['surplus_yuan_per_mu', 'surplusYuanPerMu']] as const) {
      const raw = v[field];
      if (raw === undefined) continue;
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n) || n < 0 || n > 1e7) bad(`reward_penalty.${k}.${field}`, `须为 0–10000000 元/亩 的数, 得到 ${JSON.stringify(raw)} / must be a number of yuan per mu`);
      else rates[metric][key] = n;
    }
  }
  return { rates, findings };
}

export interface RewardLine {
  code: string;
  name: string;
  level: RegionEvaluation['level'];
  metric: TargetMetric;
  targetMu: number;
  achievedMu: number | null;
  gapMu: number | null;
  surplusMu: number | null;
  gapRate: number;
  surplusRate: number;
  /** 缺口 亩 × gap rate (元); null without data. */
  compensationYuan: number | null;
  /** 盈余 亩 × surplus rate (元); null without data. */
  rewardYuan: number | null;
  /** reward − compensation (元). */
  netYuan: number | null;
}

export function rewardLine(r: Pick<RegionEvaluation, 'code' | 'name' | 'level'>, l: TargetLine, rates: RewardRates): RewardLine {
  const rate = rates[l.metric];
  const comp = l.gapMu === null ? null : l.gapMu * rate.gapYuanPerMu;
  const reward = l.surplusMu === null ? null : l.surplusMu * rate.surplusYuanPerMu;
  return {
    code: r.code, name: r.name, level: r.level, metric: l.metric, targetMu: l.targetMu, achievedMu: l.achievedMu, gapMu: l.gapMu, surplusMu: l.surplusMu,
    gapRate: rate.gapYuanPerMu, surplusRate: rate.surplusYuanPerMu,
    compensationYuan: comp, rewardYuan: reward, netYuan: comp === null || reward === null ? null : reward - comp,
  };
}

/**
 * Reward / compensation of the selected region (when it has allocated targets, not the national line) and each child
 * region in the targets table.
 */
export function rewardPenalty(t: TargetEvaluation, rates: RewardRates): RewardLine[] {
  const out: RewardLine[] = [];
  const regions = t.selected.level === 'national' ? t.children : [t.selected, ...t.children];
  for (const r of regions) for (const l of r.lines) out.push(rewardLine(r, l, rates));
  return out;
}
