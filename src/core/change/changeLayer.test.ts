import { describe, expect, it } from 'vitest';
import { looksLikeChangeLayer, piecesFromChangeLayer } from './changeLayer';
import { changeReport } from './report';
import { feature, R, rect } from './testData';

describe('piecesFromChangeLayer (DLTBGXGC-style paired fields)', () => {
  const layer = [
    feature(rect(0, 1, 0, 1), { BSM: 'G1', BGQDLBM: '0103', BGHDLBM: '0702', BGQKCXS: 0.1, BGHKCXS: 0, BGQZZSXDM: 'LS', BGQGDDJ: 5, ZLDWDM: '330102001001', BGMJ: R(0, 1, 0, 1) }),
    feature(rect(1, 2, 0, 1), { BSM: 'G2', BGQDLBM: '0201', BGHDLBM: '0101', BGHGDDJ: 4, BGHZZSXDM: 'LS', ZLDWDM: '330102001001', BGMJ: 1 }),
  ];

  it('reads BGQ*/BGH* fields; the matrix is Σ area by (BGQDLBM, BGHDLBM) net of 田坎', () => {
    expect(looksLikeChangeLayer(layer)).toBe(true);
    const p = piecesFromChangeLayer('gx.geojson', layer);
    const r = changeReport(p);
    const cell = (f: string, t: string) => r.matrix.find((c) => c.from === f && c.to === t)?.areaM2 ?? 0;
    expect(cell('0103', '0702')).toBeCloseTo(0.9 * R(0, 1, 0, 1), 6);
    expect(cell('1203', '0702')).toBeCloseTo(0.1 * R(0, 1, 0, 1), 6);
    expect(cell('0201', '0101')).toBeCloseTo(R(1, 2, 0, 1), 6);
    expect(r.nonAgricultural.map((x) => x.beforeId)).toEqual(['G1']);
    expect(r.balanceTotal.in.gddj).toBe(4);
    // BGMJ = 1 m² on G2 does not match its geometry: a warning naming the feature and field
    const w = p.findings.find((f) => f.code === 'change.bgmj');
    expect(w?.featureId).toBe('G2');
    expect(w?.field).toBe('BGMJ');
  });

  it('each side holds its feature’s own properties object (the session keeps the features: no copy, no columns)', () => {
    const p = piecesFromChangeLayer('gx.geojson', layer);
    expect(p.before.map((s) => s.props)).toEqual(layer.map((f) => f.properties));
    expect(p.before[1].props).toBe(layer[1].properties);
    expect(p.after[0].props).toBe(layer[0].properties);
  });

  it('accepts the documented English aliases', () => {
    const alias = [feature(rect(0, 1, 0, 1), { id: 'E1', before_dlbm: '0103', after_land_use_code: '0301', before_kcxs: 0.2 })];
    expect(looksLikeChangeLayer(alias)).toBe(true);
    const r = changeReport(piecesFromChangeLayer('alias.geojson', alias));
    expect(r.matrix.find((c) => c.from === '0103' && c.to === '0301')?.areaM2).toBeCloseTo(0.8 * R(0, 1, 0, 1), 6);
  });

  it('names the file and field when a required field is missing, and the feature when a value is', () => {
    const p = piecesFromChangeLayer('gx.geojson', [feature(rect(0, 1, 0, 1), { BGQDLBM: '0103', DLBM: '0702' })]);
    expect(p.count).toBe(0);
    const e = p.findings.find((f) => f.code === 'change.field');
    expect(e?.severity).toBe('error');
    expect(e?.field).toBe('BGHDLBM');
    expect(e?.message).toContain('gx.geojson');
    const q = piecesFromChangeLayer('gx.geojson', [feature(rect(0, 1, 0, 1), { BGQDLBM: '', BGHDLBM: '0702' })]);
    const m = q.findings.find((f) => f.code === 'change.dlbm');
    expect(m?.featureIndex).toBe(0);
    expect(m?.field).toBe('BGQDLBM');
  });
});
