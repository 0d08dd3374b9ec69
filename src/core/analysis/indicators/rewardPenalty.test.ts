import { describe, expect, it } from 'vitest';
import { muToM2 } from '../../area/units';
import { evaluateTargets, parseTargets } from '../targets';
import { DEFAULT_REWARD_RATES, parseRewardRates, rewardPenalty } from './rewardPenalty';

const TABLE = parseTargets(
  JSON.stringify({
    regions: [
      { code: '330102', name: '某县', level: 'county', cultivated_mu: 60, permanent_basic_mu: 50 },
      { code: '330102101', name: '甲镇', level: 'township', cultivated_mu: 25, permanent_basic_mu: 20 },
      { code: '330102102', name: '乙乡', level: 'township', cultivated_mu: 35, permanent_basic_mu: 40 },
    ],
  }),
  't.json',
).table;
const achieved = {
  cultivated: { totalM2: muToM2(62), byCode: new Map([['330102', muToM2(62)], ['330102101', muToM2(30)], ['330102102', muToM2(32)]]) },
  'permanent-basic': { totalM2: muToM2(50), byCode: new Map([['330102', muToM2(50)], ['330102101', muToM2(20)], ['330102102', muToM2(30)]]) },
};

describe('经济奖惩 (hand-computed)', () => {
  it('compensation for a 缺口, reward for a surplus, at the rate table', () => {
    const rates = parseRewardRates({ reward_penalty: { cultivated: { gap_yuan_per_mu: 2000, surplus_yuan_per_mu: 800 }, permanent_basic: { gap_yuan_per_mu: 6000, surplus_yuan_per_mu: '1200' } } }, 'c.json');
    expect(rates.findings).toEqual([]);
    const lines = rewardPenalty(evaluateTargets(TABLE, achieved, { region: '330102' }), rates.rates);
    const get = (code: string, metric: string) => lines.find((l) => l.code === code && l.metric === metric)!;
    // county: 耕地 +2 亩 → 1,600 元 reward; 永久基本农田 exactly met → 0
    expect(get('330102', 'cultivated').netYuan).toBeCloseTo(1600, 6);
    expect(get('330102', 'permanent-basic').netYuan).toBeCloseTo(0, 6);
    // 甲镇: 耕地 +5 → 4,000 元; 乙乡: 耕地 −3 → −6,000 元; 永久基本农田 −10 → −60,000 元
    expect(get('330102101', 'cultivated').rewardYuan).toBeCloseTo(4000, 6);
    expect(get('330102102', 'cultivated').compensationYuan).toBeCloseTo(6000, 6);
    expect(get('330102102', 'cultivated').netYuan).toBeCloseTo(-6000, 6);
    expect(get('330102102', 'permanent-basic').netYuan).toBeCloseTo(-60000, 6);
    expect(get('330102102', 'permanent-basic').surplusRate).toBe(1200);
    expect(lines).toHaveLength(6);
  });
  it('the national line is not a region: only the table regions are charged or rewarded', () => {
    const lines = rewardPenalty(evaluateTargets(TABLE, achieved), DEFAULT_REWARD_RATES);
    expect(lines.map((l) => l.code)).toEqual(['330102', '330102']);
    expect(lines[0].rewardYuan).toBeCloseTo(2 * 1000, 6);
  });
  it('bad rates are findings naming the file and field; the default stays', () => {
    const r = parseRewardRates({ reward_penalty: { cultivated: { gap_yuan_per_mu: -1 }, forest: {} } }, 'c.json');
    expect(r.rates.cultivated.gapYuanPerMu).toBe(DEFAULT_REWARD_RATES.cultivated.gapYuanPerMu);
    expect(r.findings.map((f) => [f.severity, f.field])).toEqual([['error', 'reward_penalty.cultivated.gap_yuan_per_mu'], ['warning', 'reward_penalty.forest']]);
    expect(r.findings[0].message).toContain('c.json');
    expect(parseRewardRates({}, 'c.json').rates.source).toBe(DEFAULT_REWARD_RATES.source);
  });
});
