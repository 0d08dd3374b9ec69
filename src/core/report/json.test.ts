import { describe, expect, it } from 'vitest';
import { cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { summarize } from '../analysis/summary';
import { buildLayer } from '../layers/layer';
import { jsonDocument, summaryJson } from './json';
import { buildMetadata } from './metadata';

describe('JSON writer', () => {
  it('metadata first; NaN/Infinity → null; typed arrays and maps serialised', () => {
    const meta = buildMetadata({ inputs: [], now: new Date(0) });
    const text = jsonDocument({ a: Number.NaN, b: new Float64Array([1.5, 2]), c: new Map([['k', 1]]), d: -Infinity }, meta);
    const back = JSON.parse(text);
    expect(Object.keys(back)).toEqual(['metadata', 'a', 'b', 'c', 'd']);
    expect(back).toMatchObject({ a: null, b: [1.5, 2], c: { k: 1 }, d: null });
    expect(back.metadata.generated_at).toBe('1970-01-01T00:00:00.000Z');
    expect(back.metadata.area).toMatchObject({ method: 'ellipsoidal', ellipsoid: 'CGCS2000', a: 6378137, inverse_flattening: 298.257222101 });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('summary layout: layers with area in every unit and breakdowns, targets', () => {
    const d = dLonForArea(3 * MU_M2, 25, 0.001);
    const layer = buildLayer('permanent-basic', 'jbnt.geojson', [cellFeature(110, 25, d, 0.001, { YJJBNTTBMJ: 2000, ZLDWDM: '450102' })], { name: '永久基本农田' });
    const j = summaryJson(summarize([layer]), []);
    const l = (j.layers as Record<string, unknown>[])[0];
    expect(l).toMatchObject({ kind: 'permanent-basic', name: '永久基本农田', file: 'jbnt.geojson', features: 1 });
    expect(l.area_mu as number).toBeCloseTo(3, 6);
    expect(l.area_m2 as number).toBeCloseTo(2000, 2);
    expect(l.area_wan_mu as number).toBeCloseTo(3e-4, 10);
    expect(l.area_yi_mu as number).toBeCloseTo(3e-8, 14);
    expect((l.declared as Record<string, unknown>).yjjbnttbmj_m2).toBe(2000);
    expect((l.declared as Record<string, unknown>).tbmj_m2).toBeNull();
    expect((l.by_county as { key: string }[]).map((b) => b.key)).toEqual(['450102']);
    const t = j.targets as { selected: { lines: { metric: string; target_mu: number; achieved_mu: number | null }[] } };
    expect(t.selected.lines[1]).toMatchObject({ metric: 'permanent-basic', target_mu: 1.546e9 });
    expect(t.selected.lines[1].achieved_mu!).toBeCloseTo(3, 6);
    expect(t.selected.lines[0].achieved_mu).toBeNull();
  });
});
