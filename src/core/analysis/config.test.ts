import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, feeRateFor, parseConfig, productivityOf } from './config';

describe('analysis config', () => {
  it('defaults: GDDJ 1 = 1000 … 10 = 300 kg/亩 in equal steps, fee 40000 元/亩, ×2 on 永久基本农田', () => {
    expect(DEFAULT_CONFIG.productivity.gddj).toEqual({ 1: 1000, 2: 922, 3: 844, 4: 767, 5: 689, 6: 611, 7: 533, 8: 456, 9: 378, 10: 300 });
    expect(DEFAULT_CONFIG.feeRates.default).toBe(40000);
    expect(DEFAULT_CONFIG.pbfFeeMultiplier).toBe(2);
    expect(productivityOf(DEFAULT_CONFIG, 4)).toBe(767);
    expect(productivityOf(DEFAULT_CONFIG, undefined)).toBeUndefined();
  });

  it('partial files merge over the defaults', () => {
    const { config, findings } = parseConfig({ productivity: { gddj: { '1': 1100 } }, fee_rates: { default: 30000, '23': 35000, '230123': 45000 }, pbf_fee_multiplier: 3, contiguity: { min_piece_mu: 10 } }, 'c.json');
    expect(findings).toEqual([]);
    expect(config.productivity.gddj[1]).toBe(1100);
    expect(config.productivity.gddj[2]).toBe(922);
    expect(config.pbfFeeMultiplier).toBe(3);
    expect(config.contiguity).toEqual({ minPieceMu: 10, minCompactness: 0.3 });
    expect(feeRateFor(config, '2301230010010000000')).toEqual({ rate: 45000, source: '230123' });
    expect(feeRateFor(config, '230200')).toEqual({ rate: 35000, source: '23' });
    expect(feeRateFor(config, '110101')).toEqual({ rate: 30000, source: 'default' });
    expect(config.sources).toEqual(['c.json']);
    expect(DEFAULT_CONFIG.productivity.gddj[1]).toBe(1000); // defaults untouched
  });

  it('bad values become findings naming file and field; defaults stay', () => {
    const { config, findings } = parseConfig(
      { productivity: { gddj: { '0': 5, '3': 'x', '4': -1 } }, fee_rates: { default: 'abc', abc: 5 }, pbf_fee_multiplier: 0.5, contiguity: { min_compactness: 2 }, extra: 1 },
      'bad.json',
    );
    expect(findings.map((f) => f.field)).toEqual(['extra', 'productivity.gddj.0', 'productivity.gddj.3', 'productivity.gddj.4', 'fee_rates.default', 'fee_rates.abc', 'pbf_fee_multiplier', 'contiguity.min_compactness']);
    expect(findings.every((f) => f.file === 'bad.json' && f.message.startsWith('bad.json: '))).toBe(true);
    expect(config.productivity.gddj[3]).toBe(844);
    expect(config.pbfFeeMultiplier).toBe(2);
    for (const junk of [null, 5, 'x', [], Number.NaN]) expect(parseConfig(junk, 'j.json').findings[0].code).toBe('config.shape');
  });
});
