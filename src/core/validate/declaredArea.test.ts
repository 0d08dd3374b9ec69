import { describe, expect, it } from 'vitest';
import type { LayerKind } from '../types';
import { FieldResolver } from './attributes';
import { checkDeclaredArea } from './declaredArea';
import { FindingSink } from './messages';

function run(props: Record<string, unknown>, computed: number, kind?: LayerKind, tol?: number) {
  const sink = new FindingSink('d.geojson');
  checkDeclaredArea(props, new FieldResolver().resolve(props), kind, computed, { index: 0, id: 'P0' }, sink, tol);
  return sink.finish();
}

describe('checkDeclaredArea', () => {
  it('is quiet within 1 % or within 1 m²', () => {
    expect(run({ TBMJ: 1009.9 }, 1000)).toEqual([]);
    expect(run({ TBMJ: 990.1 }, 1000)).toEqual([]);
    expect(run({ TBMJ: 50.9 }, 50)).toEqual([]); // 1.8 % but under 1 m²
  });

  it('warns beyond both, stating the tolerance, naming the field as written', () => {
    const out = run({ tbmj: '1011' }, 1000);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ severity: 'warning', code: 'area.declared', field: 'tbmj', featureIndex: 0, featureId: 'P0' });
    expect(out[0].message).toContain('declared area 1011 m² differs from the computed ellipsoidal area 1000.00 m² by 11.00 m² (1.1%), beyond the tolerance (1% and 1 m²)');
    expect(out[0].message).toContain('超出容差（1% 且 1 m²）');
  });

  it('takes a custom relative tolerance', () => {
    expect(run({ TBMJ: 1040 }, 1000, undefined, 0.05)).toEqual([]);
    expect(run({ TBMJ: 1060 }, 1000, undefined, 0.05)[0].message).toContain('(5% and 1 m²)');
  });

  it('checks YJJBNTTBMJ for permanent basic farmland (and without a kind), not YJJBNTMJ or MJ', () => {
    expect(run({ YJJBNTTBMJ: 2000 }, 1000, 'permanent-basic')[0].field).toBe('YJJBNTTBMJ');
    expect(run({ YJJBNTTBMJ: 2000 }, 1000)[0].field).toBe('YJJBNTTBMJ');
    expect(run({ YJJBNTTBMJ: 2000 }, 1000, 'cultivated')).toEqual([]);
    expect(run({ YJJBNTMJ: 2000 }, 1000, 'permanent-basic')).toEqual([]);
    expect(run({ MJ: 0.1 }, 1000, 'eco-redline')).toEqual([]);
  });

  it('leaves unreadable or negative values to the attribute check', () => {
    expect(run({ TBMJ: 'x' }, 1000)).toEqual([]);
    expect(run({ TBMJ: -5 }, 1000)).toEqual([]);
  });

  it('handles a zero computed area', () => {
    expect(run({ TBMJ: 100 }, 0)[0].message).toContain('(∞)');
  });
});
