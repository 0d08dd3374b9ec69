import { describe, expect, it } from 'vitest';
import { fakeIO } from '../../../test/helpers/fakeIO';
import { NO_PARCEL } from '../../core/change/classes';
import { AFTER, BEFORE, R } from '../../core/change/testData';
import { band, TOWN_A, TOWN_B } from '../../../test/helpers/indicatorLayers';
import { MU_M2 } from '../../../test/helpers/lonlatCells';
import { runCli } from '../main';

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const files = { '/b.geojson': fc(BEFORE), '/a.geojson': fc(AFTER) };

describe('farmland change', () => {
  it('--json holds matrix [{from, to, area_m2, area_mu}] and cultivated {inflow_m2, outflow_m2, net_m2}', async () => {
    const f = fakeIO(files);
    expect(await runCli(['change', '--before', '/b.geojson', '--after', '/a.geojson', '--json', '--year', '2024'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    const cell = (from: string, to: string) => j.matrix.find((c: { from: string; to: string }) => c.from === from && c.to === to);
    expect(cell('0103', '0702').area_m2).toBeCloseTo(0.9 * R(1, 2, 0, 1), 6);
    expect(cell('0103', '0702').area_mu).toBeCloseTo((0.9 * R(1, 2, 0, 1) * 3) / 2000, 8);
    expect(cell('0404', NO_PARCEL).area_m2).toBeCloseTo(R(3.5, 4, 0, 1), 6);
    expect(j.cultivated.inflow_m2).toBeCloseTo(R(1, 2, 1, 2) + R(3, 3.5, 0, 1), 6);
    expect(j.cultivated.outflow_m2).toBeCloseTo(0.9 * R(1, 2, 0, 1) + R(0, 1, 1, 2), 6);
    expect(j.cultivated.net_m2).toBeCloseTo(j.cultivated.inflow_m2 - j.cultivated.outflow_m2, 9);
    expect(j.balance.total.verdict).toBe('quality-short');
    expect(j.non_agricultural.pieces[0]).toMatchObject({ before_id: 'B1', after_id: 'A2', from: '0103', to: '0702' });
    expect(j.stable.ledger.rows.length).toBeGreaterThan(0);
    expect(j.metadata.inputs.map((i: { role: string }) => i.role)).toEqual(['before vintage', 'after vintage']);
  });

  it('--csv prints the matrix; the text report; --xlsx writes a workbook', async () => {
    const f = fakeIO(files);
    expect(await runCli(['change', '--before', '/b.geojson', '--after', '/a.geojson', '--csv', '--xlsx', '/out.xlsx'], f.io)).toBe(0);
    expect(f.out()).toContain('0103,0702,');
    expect(f.written.has('/out.xlsx')).toBe(true);
    const t = fakeIO(files);
    expect(await runCli(['change', '--before', '/b.geojson', '--after', '/a.geojson', '--region', '330102001002'], t.io)).toBe(0);
    expect(t.out()).toContain('撂荒：恢复');
  });

  it('usage errors exit 2; a change layer without BGHDLBM exits 1 naming the field', async () => {
    expect(await runCli(['change', '--before', '/b.geojson'], fakeIO(files).io)).toBe(2);
    expect(await runCli(['change', '--changes', '/a.geojson', '--before', '/b.geojson'], fakeIO(files).io)).toBe(2);
    expect(await runCli(['change', '--before', '/nope.geojson', '--after', '/a.geojson'], fakeIO(files).io)).toBe(2);
    const f = fakeIO({ '/gx.geojson': fc([{ type: 'Feature', properties: { BGQDLBM: '0103' }, geometry: BEFORE[0].geometry }]) });
    expect(await runCli(['change', '--changes', '/gx.geojson', '--json'], f.io)).toBe(1);
    expect(f.err()).toContain('BGHDLBM');
  });

  it('--hs-before/--hs-after flag the 高标准农田 lost (严禁擅自占用) with area and parcels, in --json, text and --xlsx', async () => {
    // Before: project A 15 亩 (town A), project B 5 亩 (town B). After: A cut to 10 亩, B gone except 1 亩 → 5 + 4 亩 lost.
    const hsB = fc([band(0, 15, { BSM: 'A', ZLDWDM: TOWN_A }), band(0, 5, { BSM: 'B', ZLDWDM: TOWN_B }, 121)]);
    const hsA = fc([band(0, 10, { BSM: 'A', ZLDWDM: TOWN_A }), band(4, 1, { BSM: 'B2', ZLDWDM: TOWN_B }, 121)]);
    const all = { ...files, '/hb.geojson': hsB, '/ha.geojson': hsA };
    const base = ['change', '--before', '/b.geojson', '--after', '/a.geojson', '--hs-before', '/hb.geojson', '--hs-after', '/ha.geojson'];
    const f = fakeIO(all);
    expect(await runCli([...base, '--json', '--xlsx', '/o.xlsx'], f.io)).toBe(0);
    const h = JSON.parse(f.out()).high_standard_loss;
    expect(h.flag).toBe(true);
    expect(h.area_m2 / MU_M2).toBeCloseTo(9, 8);
    expect(h.parcels.map((p: { id: string; area_m2: number }) => [p.id, Number((p.area_m2 / MU_M2).toFixed(8))])).toEqual([['A', 5], ['B', 4]]);
    expect(f.written.has('/o.xlsx')).toBe(true);
    const r = fakeIO(all);
    expect(await runCli([...base, '--json', '--region', '330102102'], r.io)).toBe(0);
    expect(JSON.parse(r.out()).high_standard_loss.area_m2 / MU_M2).toBeCloseTo(4, 8);
    const t = fakeIO(all);
    expect(await runCli(base, t.io)).toBe(0);
    expect(t.out()).toContain('高标准农田减少（严禁擅自占用）：9.00 亩，2 个项目图斑');
    const same = fakeIO(all);
    expect(await runCli(['change', '--before', '/b.geojson', '--after', '/a.geojson', '--hs-before', '/hb.geojson', '--hs-after', '/hb.geojson'], same.io)).toBe(0);
    expect(same.out()).toContain('高标准农田：未减少');
    const none = fakeIO(all);
    expect(await runCli(['change', '--before', '/b.geojson', '--after', '/a.geojson', '--json'], none.io)).toBe(0);
    expect(JSON.parse(none.out()).high_standard_loss).toBeNull();
    expect(await runCli(['change', '--before', '/b.geojson', '--after', '/a.geojson', '--hs-before', '/hb.geojson'], fakeIO(all).io)).toBe(2);
  });
});
