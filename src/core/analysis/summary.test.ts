import { describe, expect, it } from 'vitest';
import { cellAreaM2, cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { buildLayer } from '../layers/layer';
import type { Bucket } from './breakdown';
import { summarize, summarizeLayer } from './summary';
import { parseTargets } from './targets';

const LAT = 30;
const DLAT = 0.001;
const w = (mu: number) => dLonForArea(mu * MU_M2, LAT, DLAT);
/** Tolerance (m²): snapping (≤ 2⁻¹¹ m² per parcel) and float rounding; a wrong parcel would be off by ≥ 1 亩. */
const TOL = 0.005;

function fixtureLayer() {
  const feats = [
    cellFeature(120.0, LAT, w(10), DLAT, { BSM: 'P1', DLBM: '0101', GDDJ: 2, GDPDJB: 1, ZLDWDM: '3301021010010000000', ZLDWMC: '某村', TBMJ: 6700, TBDLMJ: 6500 }),
    cellFeature(120.01, LAT, w(20), DLAT, { BSM: 'P2', DLBM: '0103', GDDJ: 5, GDPDJB: 3, ZLDWDM: '3301021010020000001', ZLDWMC: '某组', TBMJ: 13333, KCMJ: 333 }),
    cellFeature(120.02, LAT, w(5), DLAT, { BSM: 'P3', DLBM: '0201', GDPDJB: 5, ZLDWDM: '3301022020010000000', TBMJ: 3333, KCXS: 0.1 }),
    // P4 duplicates P1's ground: counted once, in P1's buckets (the first parcel in file order keeps it)
    cellFeature(120.0, LAT, w(10), DLAT, { BSM: 'P4', DLBM: '0102', GDDJ: 2, ZLDWDM: '3301021010010000000' }),
    cellFeature(120.03, LAT, w(1), DLAT, {}),
  ];
  return buildLayer('cultivated', 'gd.geojson', feats, { name: '耕地' });
}

const byKey = (bs: Bucket[]) => Object.fromEntries(bs.map((b) => [b.key, b]));
const sumArea = (bs: Bucket[]) => bs.reduce((s, b) => s + b.areaM2, 0);

describe('summarizeLayer', () => {
  it('the fixture: cells of known ellipsoidal area (closed form), overlaps counted once', () => {
    const s = summarizeLayer(fixtureLayer());
    expect(s.features).toBe(5);
    expect(s.area.m2).toBeCloseTo(36 * MU_M2, 2);
    expect(Math.abs(s.area.m2 - 36 * MU_M2)).toBeLessThan(TOL);
    expect(s.area.mu).toBeCloseTo(36, 5);
    expect(s.area.ha).toBeCloseTo(36 / 15, 6);
    expect(s.area.wanMu).toBeCloseTo(36e-4, 9);
    expect(s.area.yiMu).toBeCloseTo(36e-8, 13);
    expect(Math.abs(s.grossAreaM2 - 46 * MU_M2)).toBeLessThan(TOL);
    expect(Math.abs(s.overlapAreaM2 - 10 * MU_M2)).toBeLessThan(TOL);
    expect(s.overlapPairs).toBe(1);

    const land = byKey(s.byLandClass);
    expect(s.byLandClass.map((b) => b.key)).toEqual(['paddy', 'irrigated', 'dry', 'other', 'unknown']);
    expect(land.paddy.areaMu).toBeCloseTo(10, 5);
    expect(land.paddy.label).toBe('水田');
    expect(land.irrigated.features).toBe(1);
    expect(land.irrigated.areaM2).toBe(0);
    expect(land.dry.areaMu).toBeCloseTo(20, 5);
    expect(land.other.areaMu).toBeCloseTo(5, 5);
    expect(land.unknown.areaMu).toBeCloseTo(1, 5);
    expect(land.dry.share).toBeCloseTo(20 / 36, 7);

    const grade = byKey(s.byGrade);
    expect(s.byGrade.length).toBe(11);
    expect(grade['2'].areaMu).toBeCloseTo(10, 5);
    expect(grade['2'].features).toBe(2);
    expect(grade['5'].areaMu).toBeCloseTo(20, 5);
    expect(grade['1'].areaM2).toBe(0);
    expect(grade.unknown.areaMu).toBeCloseTo(6, 5);

    const slope = byKey(s.bySlope);
    expect(slope['1'].areaMu).toBeCloseTo(10, 5);
    expect(slope['3'].areaMu).toBeCloseTo(20, 5);
    expect(slope['5'].areaMu).toBeCloseTo(5, 5);
    expect(slope.unknown.features).toBe(2);
    expect(slope.unknown.areaMu).toBeCloseTo(1, 5);

    expect(s.byCounty.map((b) => [b.key, b.features])).toEqual([['330102', 4], ['unknown', 1]]);
    expect(byKey(s.byCounty)['330102'].areaMu).toBeCloseTo(35, 5);
    const town = byKey(s.byTownship);
    expect(town['330102101'].areaMu).toBeCloseTo(30, 5);
    expect(town['330102202'].areaMu).toBeCloseTo(5, 5);
    const vil = byKey(s.byVillage);
    expect(vil['330102101001'].label).toBe('某村');
    // P2's code designates a 组 (non-zero tail): its ZLDWMC does not name the village
    expect(vil['330102101002'].label).toBe('');
    expect(vil['330102101001'].areaMu).toBeCloseTo(10, 5);
    expect(vil['330102101001'].features).toBe(2);

    expect(s.declared.tbmjM2).toBe(6700 + 13333 + 3333);
    expect(s.declared.tbmjFeatures).toBe(3);
    expect(Math.abs(s.declared.computedWithTbmjM2 - 35 * MU_M2)).toBeLessThan(TOL);
    expect(s.declared.tbdlmjM2).toBeCloseTo(6500 + (13333 - 333) + 3333 * 0.9, 6);
    expect(s.declared.tbdlmjDeclared).toBe(1);
    expect(s.declared.tbdlmjDerived).toBe(2);
  });

  it('a partial overlap counts the union: two 2-unit cells offset by 1 unit = one 3-unit cell', () => {
    const d = 0.0005;
    const layer = buildLayer('cultivated', 'a.geojson', [cellFeature(110, 45, 2 * d, DLAT), cellFeature(110 + d, 45, 2 * d, DLAT)]);
    const s = summarizeLayer(layer);
    const expected = cellAreaM2(45, 3 * d, DLAT);
    expect(Math.abs(s.area.m2 - expected)).toBeLessThan(TOL);
    expect(Math.abs(s.overlapAreaM2 - cellAreaM2(45, d, DLAT))).toBeLessThan(TOL);
  });

  it('a 1-亩 square is 1 亩', () => {
    const side = 0.000234; // ≈ 26 m of latitude
    const layer = buildLayer('cultivated', 'one.geojson', [cellFeature(125.5, 47.2, dLonForArea(MU_M2, 47.2, side), side)]);
    const s = summarizeLayer(layer);
    expect(Math.abs(s.area.mu - 1)).toBeLessThan(2e-6);
  });

  it('region filter restricts every figure', () => {
    const s = summarizeLayer(fixtureLayer(), { region: '330102101' });
    expect(s.regionApplied).toBe(true);
    expect(s.features).toBe(3);
    expect(s.area.mu).toBeCloseTo(30, 5);
    expect(s.byCounty.map((b) => b.key)).toEqual(['330102']);
    expect(s.byTownship.map((b) => b.key)).toEqual(['330102101']);
    expect(s.byVillage.map((b) => b.key)).toEqual(['330102101001', '330102101002']);
    expect(s.declared.tbmjM2).toBe(6700 + 13333);
    const none = summarizeLayer(fixtureLayer(), { region: '999' });
    expect(none.features).toBe(0);
    expect(none.area.m2).toBe(0);
    expect(none.byLandClass.every((b) => b.share === 0)).toBe(true);
    // a layer without any region code cannot be filtered: kept whole, and says so
    const red = buildLayer('eco-redline', 'hx.geojson', [cellFeature(120, LAT, w(3), DLAT, { HXMC: '红线' })]);
    const r = summarizeLayer(red, { region: '330102' });
    expect(r.regionApplied).toBe(false);
    expect(r.area.mu).toBeCloseTo(3, 5);
  });

  it('every breakdown adds up to the total exactly, in any order (random overlapping parcels)', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const feats = Array.from({ length: 300 }, (_, i) =>
      cellFeature(100 + rnd() * 0.05, 35 + rnd() * 0.05, 0.0002 + rnd() * 0.003, 0.0002 + rnd() * 0.003, {
        BSM: `R${i}`,
        DLBM: ['0101', '0102', '0103', '0201', undefined][Math.floor(rnd() * 5)],
        GDDJ: Math.floor(rnd() * 12),
        GDPDJB: Math.floor(rnd() * 6),
        ZLDWDM: rnd() < 0.1 ? undefined : `4101${Math.floor(rnd() * 3)}${Math.floor(rnd() * 4)}10${Math.floor(rnd() * 5)}00${Math.floor(rnd() * 9)}0000000`,
      }),
    );
    const s = summarizeLayer(buildLayer('cultivated', 'r.geojson', feats));
    expect(s.overlapPairs).toBeGreaterThan(10);
    expect(s.area.m2).toBeLessThan(s.grossAreaM2);
    for (const bs of [s.byLandClass, s.byGrade, s.bySlope, s.byCounty, s.byTownship, s.byVillage]) {
      expect(sumArea(bs)).toBe(s.area.m2);
      expect([...bs].reverse().reduce((t, b) => t + b.areaM2, 0)).toBe(s.area.m2);
      expect(bs.reduce((t, b) => t + b.features, 0)).toBe(300);
    }
    expect(s.byVillage.length).toBeGreaterThan(20);
  });
});

describe('summarize with targets', () => {
  const csv = 'code,name,level,cultivated_mu,permanent_basic_mu\r\n330102,上城区,county,40,30\r\n330102101,甲镇,township,25,\r\n330102202,乙镇,township,6,\r\n';
  const table = parseTargets(csv, 't.csv').table;

  it('selected region and its children: achieved, gap/surplus, ratio; names from the table', () => {
    const s = summarize([fixtureLayer()], { region: '330102', targets: table, basis: 'polygon' });
    const t = s.targets;
    expect(t.selected.code).toBe('330102');
    expect(t.selected.name).toBe('上城区');
    const c = t.selected.lines.find((l) => l.metric === 'cultivated')!;
    expect(c.targetMu).toBe(40);
    expect(c.achievedMu).toBeCloseTo(35, 5);
    expect(c.gapMu).toBeCloseTo(5, 5);
    expect(c.surplusMu).toBe(0);
    expect(c.ratio).toBeCloseTo(35 / 40, 7);
    expect(c.status).toBe('short');
    expect(c.targetShareOfNational).toBeCloseTo(40 / 18.65e8, 18);
    const pb = t.selected.lines.find((l) => l.metric === 'permanent-basic')!;
    expect(pb.status).toBe('no-data');
    expect(pb.achievedMu).toBeNull();
    expect(t.children.map((r) => r.code)).toEqual(['330102101', '330102202']);
    const [a, b] = t.children.map((r) => r.lines[0]);
    expect(a.surplusMu).toBeCloseTo(5, 5);
    expect(a.status).toBe('met');
    expect(b.gapMu).toBeCloseTo(1, 5);
    expect(b.balanceMu).toBeCloseTo(-1, 5);
    expect(s.layers[0].byTownship.find((x) => x.key === '330102101')!.label).toBe('甲镇');
  });

  it('no region: the country against 18.65 / 15.46 亿亩; children are the top-level regions of the table', () => {
    const s = summarize([fixtureLayer()], { targets: table, basis: 'polygon' });
    const c = s.targets.selected.lines[0];
    expect(s.targets.selected.level).toBe('national');
    expect(c.targetMu).toBe(1_865_000_000);
    expect(s.targets.selected.lines[1].targetMu).toBe(1_546_000_000);
    expect(c.achievedShareOfNational!).toBeCloseTo(36 / 1.865e9, 15);
    expect(c.gapMu!).toBeCloseTo(1.865e9 - 36, 3);
    expect(s.targets.children.map((r) => r.code)).toEqual(['330102']);
  });
});

describe('summarize with 三区三线 conflicts', () => {
  const d = 0.0004;
  const pb = () =>
    buildLayer('permanent-basic', 'pb.geojson', [
      cellFeature(120, LAT, 2 * d, DLAT, { YJJBNTTBBH: 'A', ZLDWDM: '330102101001' }),
      cellFeature(120 + 4 * d, LAT, 2 * d, DLAT, { YJJBNTTBBH: 'B', ZLDWDM: '330102202001' }),
    ]);
  // the red line covers the second half of A and the first half of B
  const eco = () => buildLayer('eco-redline', 'hx.geojson', [cellFeature(120 + d, LAT, 4 * d, DLAT, { BSM: 'H' })]);

  it('computes the pairs when asked, with areas of the overlaps (closed form)', () => {
    expect(summarize([pb(), eco()]).conflicts).toBeUndefined();
    const s = summarize([pb(), eco()], { conflicts: true });
    expect(s.conflicts!.length).toBe(1);
    const c = s.conflicts![0];
    expect(c.a).toBe('permanent-basic');
    expect(c.b).toBe('eco-redline');
    expect(Math.abs(c.areaM2 - 2 * cellAreaM2(LAT, d, DLAT))).toBeLessThan(TOL);
    expect(c.pairs.map((p) => p.aId).sort()).toEqual(['A', 'B']);
  });

  it('the region filter restricts the conflicts to the region’s parcels', () => {
    const s = summarize([pb(), eco()], { conflicts: true, region: '330102202' });
    const c = s.conflicts![0];
    expect(c.pairs.map((p) => p.aId)).toEqual(['B']);
    expect(Math.abs(c.areaM2 - cellAreaM2(LAT, d, DLAT))).toBeLessThan(TOL);
  });
});

describe('地类面积 (net of 田坎) beside 图斑面积', () => {
  // P1 TBDLMJ/TBMJ = 6500/6700, P2 (TBMJ − KCMJ)/TBMJ = 13000/13333, P3 1 − KCXS = 0.9, P4 lies under P1 (counted
  // once, in P1), the last cell declares nothing (factor 1)
  const netMu = 10 * (6500 / 6700) + 20 * (13000 / 13333) + 5 * 0.9 + 1;
  it('every layer carries both areas; breakdown rows add up to the net total exactly; 1203 田坎 = area − net', () => {
    const s = summarizeLayer(fixtureLayer());
    expect(s.basis).toBe('net');
    expect(s.net.mu).toBeCloseTo(netMu, 5);
    expect(s.area.mu).toBeCloseTo(36, 5);
    expect(s.tiankan.m2).toBe(s.area.m2 - s.net.m2);
    expect(s.tiankan.mu).toBeCloseTo(36 - netMu, 5);
    for (const bs of [s.byLandClass, s.byGrade, s.bySlope, s.byCounty, s.byTownship, s.byVillage]) expect(bs.reduce((t, b) => t + b.netM2, 0)).toBe(s.net.m2);
    const land = byKey(s.byLandClass);
    expect(land.paddy.netMu).toBeCloseTo(10 * (6500 / 6700), 5);
    expect(land.dry.netMu).toBeCloseTo(20 * (13000 / 13333), 5);
    expect(land.irrigated.netMu).toBe(0); // P4's ground is P1's
  });
  it('target lines use 地类面积 by default and 图斑面积 when asked', () => {
    const csv = 'code,name,level,cultivated_mu,permanent_basic_mu\r\n330102,上城区,county,40,30\r\n';
    const table = parseTargets(csv, 't.csv').table;
    const net = summarize([fixtureLayer()], { region: '330102', targets: table });
    const poly = summarize([fixtureLayer()], { region: '330102', targets: table, basis: 'polygon' });
    expect(net.basis).toBe('net');
    const achievedNet = 10 * (6500 / 6700) + 20 * (13000 / 13333) + 4.5;
    expect(net.targets.selected.lines[0].achievedMu).toBeCloseTo(achievedNet, 5);
    expect(net.targets.selected.lines[0].gapMu).toBeCloseTo(40 - achievedNet, 5);
    expect(poly.targets.selected.lines[0].achievedMu).toBeCloseTo(35, 5);
  });
});
