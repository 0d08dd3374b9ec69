/**
 * Demo support for the quality indicators (issue #20). The generated county already has what they measure —
 * 高标准农田 projects on flat land covering about three quarters of the 永久基本农田 (振兴乡 and 民主乡 almost none:
 * a clear remainder), 盐碱 parcels graded 轻度/中度/重度 (YJCD), 撂荒 parcels (ZZSXDM = WG) in every township and a
 * 黑土地 extent — so this only adds the 经济奖惩 rate table to the demo's analysis config (config.json,
 * member "reward_penalty", read by src/core/analysis/indicators/rewardPenalty.ts). Illustrative rates, not official.
 */

/** 元/亩: compensation per 亩 of 缺口 against a target, reward per 亩 of surplus (illustrative). */
export const DEMO_REWARD_PENALTY = {
  '//': '耕地保护经济奖惩示例标准（非官方）：缺口每亩应缴补偿、盈余每亩奖励，元/亩 / illustrative rates, yuan per mu of gap (owed) and of surplus (reward)',
  cultivated: { gap_yuan_per_mu: 3000, surplus_yuan_per_mu: 1000 },
  permanent_basic: { gap_yuan_per_mu: 5000, surplus_yuan_per_mu: 1500 },
} as const;

/** Add the rate table to the generated config.json (in place; the other files are untouched). */
export function addIndicatorDemo(files: Map<string, string | Uint8Array>): void {
  const text = files.get('config.json');
  if (typeof text !== 'string') return;
  const config = JSON.parse(text) as Record<string, unknown>;
  config.reward_penalty = DEMO_REWARD_PENALTY;
  files.set('config.json', `${JSON.stringify(config, null, 1)}\n`);
}
