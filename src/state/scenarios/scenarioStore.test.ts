import { describe, expect, it } from 'vitest';
import { ledger } from '../../core/analysis/ledger';
import { createScenarioStore } from './scenarioStore';
import { memoryStorage } from './storage';
import { type DrawnFeature, ledgerProjects, type Scenario, type ScenarioFigures, scenarioGeoJson } from './types';

const sq = (id: string, x: number): DrawnFeature => ({
  id,
  geometry: { type: 'Polygon', coordinates: [[[x, 45], [x + 0.01, 45], [x + 0.01, 45.01], [x, 45.01], [x, 45]]] },
  properties: { note: id },
});
const figures = (quantityMu: number, providedMu?: number): ScenarioFigures => ({
  siteAreaMu: quantityMu + 1,
  layers: [{ kind: 'cultivated', name: '耕地', areaMu: quantityMu, parcels: 3 }],
  flags: { permanentBasicOccupied: false, ecoRedlineCrossed: false, outsideUrbanBoundary: true, outsideUrbanMu: 2 },
  duty: { quantityMu, qualityGrade: 4.5, capacityKg: 1000, permanentBasicMu: 0, feeYuan: quantityMu * 40000, feeRate: 40000, regionCode: '230123' },
  ...(providedMu !== undefined
    ? { balance: { pass: true, verdicts: [], providedMu, providedGrade: 3, providedCapacityKg: 2000, quantityMargin: providedMu - quantityMu, qualityMargin: 1.5, capacityMargin: 1000, pieces: 1 } }
    : {}),
});

describe('scenario store', () => {
  it('saves, lists after a "reload" (a new store on the same storage), overwrites by id, deletes', async () => {
    const storage = memoryStorage();
    let t = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++));
    const a = createScenarioStore(storage, { now: clock });
    await a.getState().init();
    const s1 = await a.getState().save({ name: '  方案甲 ', year: 2026, site: [sq('a', 126)], supplements: [], figures: figures(10) });
    const s2 = await a.getState().save({ name: '方案乙', year: 2026, site: [sq('b', 127)], supplements: [sq('c', 128)], figures: figures(5, 8) });
    expect(s1.name).toBe('方案甲');
    expect(s1.id).not.toBe(s2.id);
    const b = createScenarioStore(storage, { now: clock });
    await b.getState().init();
    expect(b.getState().scenarios.map((s) => s.name)).toEqual(['方案甲', '方案乙']);
    expect(b.getState().scenarios[1]).toEqual(s2);
    const again = await b.getState().save({ id: s1.id, name: '方案甲2', year: 2027, site: [sq('a2', 126)], supplements: [] });
    expect(again.id).toBe(s1.id);
    expect(again.createdAt).toBe(s1.createdAt);
    expect(again.updatedAt > s1.updatedAt).toBe(true);
    expect(b.getState().scenarios.length).toBe(2);
    b.getState().toggleCompare(s1.id);
    b.getState().toggleCompare(s2.id);
    expect(b.getState().compare).toEqual([s1.id, s2.id]);
    await b.getState().remove(s1.id);
    expect(b.getState().compare).toEqual([s2.id]);
    expect([...storage.scenarios.keys()]).toEqual([s2.id]);
  });

  it('autosaves the draft: the last write wins and survives a new store; clearing removes it', async () => {
    const storage = memoryStorage();
    const a = createScenarioStore(storage);
    await a.getState().init();
    void a.getState().setDraft({ site: [sq('x', 1)], supplements: [] });
    await a.getState().setDraft({ site: [sq('x', 1), sq('y', 2)], supplements: [sq('z', 3)], name: 'n' });
    const b = createScenarioStore(storage);
    await b.getState().init();
    expect(b.getState().draft?.site.map((f) => f.id)).toEqual(['x', 'y']);
    expect(b.getState().draft?.supplements[0].geometry).toEqual(sq('z', 3).geometry);
    // the shape still being drawn travels with the draft
    const inProgress = { mode: 'polygon' as const, role: 'site' as const, coordinates: [[1, 2], [3, 4], [5, 6]] as [number, number][] };
    await b.getState().setDraft({ site: [], supplements: [], scenarioId: 's-1', inProgress });
    const c = createScenarioStore(storage);
    await c.getState().init();
    expect(c.getState().draft?.inProgress).toEqual(inProgress);
    expect(c.getState().draft?.scenarioId).toBe('s-1');
    await b.getState().setDraft(undefined);
    expect(await storage.getDraft()).toBeUndefined();
  });

  it('a failing storage is reported, not thrown', async () => {
    const storage = memoryStorage();
    storage.list = () => Promise.reject(new Error('quota'));
    const a = createScenarioStore(storage);
    await a.getState().init();
    expect(a.getState().ready).toBe(true);
    expect(a.getState().error).toBe('quota');
  });

  it('ledger projects: occupation and eligible supplement per scenario; the ledger caps next year by the net increase', () => {
    const mk = (name: string, year: number, f?: ScenarioFigures): Scenario => ({ id: name, name, createdAt: '', updatedAt: '', year, site: [], supplements: [], figures: f });
    const projects = ledgerProjects([mk('a', 2025, figures(10, 30)), mk('b', 2026, figures(4)), mk('no-figures', 2026)]);
    expect(projects).toEqual([
      { region: '230123', year: 2025, type: 'occupation', mu: 10, name: 'a', purpose: 'construction' },
      { region: '230123', year: 2025, type: 'supplement', mu: 30, name: 'a（补充）', stable: true },
      { region: '230123', year: 2026, type: 'occupation', mu: 4, name: 'b', purpose: 'construction' },
    ]);
    const r = ledger(projects);
    expect(r.rows[0].nextYearCapMu).toBe(20);
    expect(r.rows[1].capMu).toBe(20);
    expect(r.rows[1].remainingMu).toBe(16);
  });

  it('exports GeoJSON with the figures and the role of each polygon', () => {
    const s: Scenario = { id: 'i', name: '甲', createdAt: 'c', updatedAt: 'u', year: 2026, site: [sq('a', 1)], supplements: [sq('b', 2)], figures: figures(3) };
    const g = scenarioGeoJson(s) as { features: { properties: { role: string; note: string } }[]; figures: ScenarioFigures };
    expect(g.features.map((f) => f.properties.role)).toEqual(['site', 'supplement']);
    expect(g.features[0].properties.note).toBe('a');
    expect(g.figures.duty.quantityMu).toBe(3);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
});
