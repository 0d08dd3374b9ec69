import { describe, expect, it } from 'vitest';
import { parcelNetFactor } from '../area/netArea';
import { regionCodeOf } from '../layers/fields';
import type { ParcelAttrs } from '../types';
import { compensationDuty, type DutyPieces } from './compensation';
import { parseConfig } from './config';

const MU = 2000 / 3; // m² of one 亩
const Z1 = '2301230010010000000';
const Z2 = '2301240010010000000';

/** Pieces of a layer inside a site, given as (attrs, m² inside), as a tally's duty entries (impactTally.ts). */
function pieces(kind: DutyPieces['kind'], rows: [ParcelAttrs, number][]): DutyPieces {
  return {
    kind,
    duty: {
      poly: rows.map(([, a]) => a),
      net: rows.map(([attrs, a]) => a * parcelNetFactor(attrs)),
      grade: rows.map(([attrs]) => attrs.gddj ?? Number.NaN),
      county: rows.map(([attrs]) => regionCodeOf(attrs, 'county')),
    },
  };
}

const { config } = parseConfig({ fee_rates: { default: 40000, '230124': 45000 } }, 'c.json');

describe('compensationDuty', () => {
  it('owes the 耕地 occupied, its mean grade, and the fee at the rate of the county holding most of it', () => {
    const c = compensationDuty(
      pieces('cultivated', [
        [{ gddj: 2, zldwdm: Z1 }, MU],
        [{ gddj: 4, zldwdm: Z2 }, 3 * MU],
        [{ zldwdm: Z2 }, 2 * MU],
      ]),
      { areaM2: MU, netM2: MU },
      config,
      'polygon',
    );
    expect(c.basis).toBe('cultivated');
    expect(c.quantityMu).toBeCloseTo(6, 9);
    expect(c.quantityPolygonMu).toBeCloseTo(6, 9);
    expect(c.qualityGrade).toBeCloseTo((2 * 1 + 4 * 3) / 4, 12);
    expect(c.gradedShare).toBeCloseTo(4 / 6, 12);
    expect(c.regionCode).toBe('230124');
    expect(c.feeRate).toBe(45000);
    expect(c.permanentBasicMu).toBeCloseTo(1, 9);
    expect(c.feeYuan).toBeCloseTo((5 + 1 * config.pbfFeeMultiplier) * 45000, 3);
  });

  it('with 永久基本农田 standing in, charges all of it at the multiplied rate; a given region code wins', () => {
    const c = compensationDuty(pieces('permanent-basic', [[{ gddj: 3, zldwdm: Z1 }, 2 * MU]]), { areaM2: 2 * MU, netM2: 2 * MU }, config, 'net', '230124');
    expect(c.basis).toBe('permanent-basic');
    expect(c.regionCode).toBe('230124');
    expect(c.feeYuan).toBeCloseTo(2 * config.pbfFeeMultiplier * 45000, 3);
  });

  it('owes nothing without a 耕地 layer', () => {
    const c = compensationDuty(undefined, undefined, config, 'net');
    expect(c).toMatchObject({ basis: 'none', quantityMu: 0, qualityGrade: null, capacityKg: null, feeYuan: 0, feeRate: 40000, feeRateSource: 'default' });
    expect(c.regionCode).toBeUndefined();
  });
});
