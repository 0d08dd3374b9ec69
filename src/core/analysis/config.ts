/**
 * Analysis parameters that are policy or local practice rather than geometry: the grade → productive-capacity
 * table, the 耕地开垦费 rates and the multiplier on 永久基本农田. None has one official national table
 * (docs/domain.md §6: no official table), so every value here is an ILLUSTRATIVE DEFAULT, shown as such in reports
 * and replaceable by a config file:
 *
 *   {"productivity": {"gddj": {"1": 1000, "2": 920, …, "10": 300}},
 *    "fee_rates": {"default": 40000, "230123": 45000},
 *    "pbf_fee_multiplier": 2}
 *
 * - productivity.gddj: kg of grain per 亩 per year for 耕地质量等级 GDDJ 1 (best) … 10 (GB/T 33469-2016). The default
 *   steps ≈ 78 kg/亩 per grade from 1000 down to 300, in line with docs/domain.md §6's "≈100 kg/亩 per 等别 step" on the
 *   older 15-step 农用地分等 scale (10 grades span roughly the same range as 15 等别). Illustrative, not official.
 * - fee_rates: 元 per 亩 of 耕地 occupied; `default`, and per region code (6-digit county, or a shorter province /
 *   city prefix — the longest matching prefix wins). Provinces set these; the defaults are illustrative.
 * - pbf_fee_multiplier: occupying 永久基本农田 is reported to cost at least twice the fee (docs/domain.md §5).
 * - contiguity: when a supplement counts as scattered (占整补散): a piece under min_piece_mu 亩, or area-weighted
 *   Polsby–Popper compactness under min_compactness (contiguity.ts). Illustrative; local standards differ.
 * Partial files merge over the defaults; bad values become findings and the default stays — never a throw.
 */
import type { Finding } from '../types';

export interface AnalysisConfig {
  /** kg/亩/yr per GDDJ grade 1..10 (index 0 = grade 1). */
  productivity: { gddj: Record<number, number> };
  /** 耕地开垦费 in 元/亩: default and per region-code prefix. */
  feeRates: { default: number; byRegion: Record<string, number> };
  /** Multiplier on the fee for 永久基本农田 occupied. */
  pbfFeeMultiplier: number;
  /** 占整补散 thresholds (illustrative, contiguity.ts): smallest supplement piece (亩) and Polsby–Popper compactness. */
  contiguity: { minPieceMu: number; minCompactness: number };
  /** Where the values came from (file names), for report metadata. */
  sources: string[];
}

/** Illustrative grade → capacity table (kg/亩/yr), GDDJ 1 = 1000 down to GDDJ 10 = 300 in equal steps. */
export const DEFAULT_PRODUCTIVITY_GDDJ: Readonly<Record<number, number>> = Object.freeze(
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, Math.round(1000 - (700 * i) / 9)])),
);

export const DEFAULT_CONFIG: Readonly<AnalysisConfig> = Object.freeze({
  productivity: { gddj: { ...DEFAULT_PRODUCTIVITY_GDDJ } },
  feeRates: { default: 40000, byRegion: {} },
  pbfFeeMultiplier: 2,
  contiguity: { minPieceMu: 2, minCompactness: 0.3 },
  sources: ['built-in illustrative defaults / 内置示例参数'],
});

/** A fresh, mutable copy of the defaults. */
export function defaultConfig(): AnalysisConfig {
  return {
    productivity: { gddj: { ...DEFAULT_CONFIG.productivity.gddj } },
    feeRates: { default: DEFAULT_CONFIG.feeRates.default, byRegion: { ...DEFAULT_CONFIG.feeRates.byRegion } },
    pbfFeeMultiplier: DEFAULT_CONFIG.pbfFeeMultiplier,
    contiguity: { ...DEFAULT_CONFIG.contiguity },
    sources: [...DEFAULT_CONFIG.sources],
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
};

/** Parse a config file's JSON (partial files merge over the defaults). Never throws. */
export function parseConfig(json: unknown, file: string): { config: AnalysisConfig; findings: Finding[] } {
  const config = defaultConfig();
  const findings: Finding[] = [];
  const bad = (field: string, msg: string) =>
    findings.push({ severity: 'error', code: 'config.value', message: `${file}: ${field} ${msg}`, file, field });
  if (!isObj(json)) {
    findings.push({ severity: 'error', code: 'config.shape', message: `${file}: 配置必须是 JSON 对象 / config must be a JSON object`, file });
    return { config, findings };
  }
  config.sources = [file];
  // reward_penalty: read by indicators/rewardPenalty.ts (耕地保护经济奖惩 rates)
  const known = new Set(['productivity', 'fee_rates', 'pbf_fee_multiplier', 'contiguity', 'reward_penalty', '//', 'comment', 'note']);
  for (const k of Object.keys(json))
    if (!known.has(k))
      findings.push({ severity: 'warning', code: 'config.unknown', message: `${file}: 未知字段 "${k}" 已忽略 / unknown key ignored`, file, field: k });

  if (json.productivity !== undefined) {
    const prod = json.productivity;
    if (!isObj(prod) || !isObj(prod.gddj)) bad('productivity.gddj', '必须是 {"1": kg/亩, …} 对象 / must be an object of grade → kg/亩');
    else {
      for (const [g, v] of Object.entries(prod.gddj)) {
        const grade = Number(g);
        const val = num(v);
        if (!Number.isInteger(grade) || grade < 1 || grade > 10) bad(`productivity.gddj.${g}`, '等级须为 1–10 / grade must be 1..10');
        else if (val === undefined || val < 0 || val > 5000) bad(`productivity.gddj.${g}`, `须为 0–5000 kg/亩 的数, 得到 ${JSON.stringify(v)} / must be a number 0..5000 kg/mu`);
        else config.productivity.gddj[grade] = val;
      }
    }
  }
  if (json.fee_rates !== undefined) {
    const fr = json.fee_rates;
    if (!isObj(fr)) bad('fee_rates', '必须是对象 / must be an object');
    else {
      for (const [code, v] of Object.entries(fr)) {
        const val = num(v);
        if (val === undefined || val < 0 || val > 1e7) {
          bad(`fee_rates.${code}`, `须为 0–10000000 元/亩 的数, 得到 ${JSON.stringify(v)} / must be a number of yuan per mu`);
          continue;
        }
        if (code === 'default') config.feeRates.default = val;
        else if (/^\d{2,12}$/.test(code)) config.feeRates.byRegion[code] = val;
        else bad(`fee_rates.${code}`, '键须为 "default" 或行政区代码 / key must be "default" or a region code');
      }
    }
  }
  if (json.pbf_fee_multiplier !== undefined) {
    const m = num(json.pbf_fee_multiplier);
    if (m === undefined || m < 1 || m > 100) bad('pbf_fee_multiplier', `须为 1–100 的数, 得到 ${JSON.stringify(json.pbf_fee_multiplier)} / must be a number 1..100`);
    else config.pbfFeeMultiplier = m;
  }
  if (json.contiguity !== undefined) {
    const c = json.contiguity;
    if (!isObj(c)) bad('contiguity', '必须是对象 / must be an object');
    else {
      if (c.min_piece_mu !== undefined) {
        const v = num(c.min_piece_mu);
        if (v === undefined || v < 0 || v > 1e6) bad('contiguity.min_piece_mu', `须为 0–1000000 亩, 得到 ${JSON.stringify(c.min_piece_mu)} / must be a number of mu`);
        else config.contiguity.minPieceMu = v;
      }
      if (c.min_compactness !== undefined) {
        const v = num(c.min_compactness);
        if (v === undefined || v < 0 || v > 1) bad('contiguity.min_compactness', `须为 0–1, 得到 ${JSON.stringify(c.min_compactness)} / must be a number 0..1`);
        else config.contiguity.minCompactness = v;
      }
    }
  }
  return { config, findings };
}

/** kg/亩/yr for a GDDJ grade; undefined grade or one missing from the table → undefined. */
export function productivityOf(config: AnalysisConfig, gddj: number | undefined): number | undefined {
  if (gddj === undefined || !Number.isFinite(gddj)) return undefined;
  return config.productivity.gddj[Math.round(gddj)];
}

/** Fee rate (元/亩) for a region code: longest matching prefix in byRegion, else the default. */
export function feeRateFor(config: AnalysisConfig, regionCode?: string): { rate: number; source: string } {
  if (regionCode) {
    let best: string | undefined;
    for (const code of Object.keys(config.feeRates.byRegion))
      if (regionCode.startsWith(code) && (best === undefined || code.length > best.length)) best = code;
    if (best !== undefined) return { rate: config.feeRates.byRegion[best], source: best };
  }
  return { rate: config.feeRates.default, source: 'default' };
}
