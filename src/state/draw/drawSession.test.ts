import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../core/types';
import { Superseded } from '../../worker/client';
import type { DrawnFeature } from '../../worker/impactProtocol';
import { createScenarioStore } from '../scenarios/scenarioStore';
import { memoryStorage } from '../scenarios/storage';
import type { Draft, Scenario } from '../scenarios/types';
import { createDrawSession, type DrawEngine } from './drawSession';
import type { DrawEvents, DrawPort, DrawRole, DrawSnapshot, DrawTool, InProgress } from './port';

const SQ = (x: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
const feat = (id: string, x: number): DrawnFeature => ({ id, geometry: SQ(x) });
const tick = () => new Promise((r) => setTimeout(r, 0));

/** The port faked as a plain drawing: what the session asked of it, and the events it can send. */
function fakePort() {
  const calls: string[] = [];
  let events: DrawEvents = {};
  let snap: DrawSnapshot = { site: [], supplements: [] };
  let inProgress: InProgress | undefined;
  let tool: DrawTool = 'static';
  let role: DrawRole = 'site';
  const highlights: number[] = [];
  const port: DrawPort = {
    setTool(t) {
      tool = t;
      calls.push(`tool ${t}`);
    },
    getTool: () => tool,
    setRole(r) {
      role = r;
      calls.push(`role ${r}`);
    },
    getRole: () => role,
    setSnapping: (on) => void calls.push(`snapping ${on}`),
    undo: () => void calls.push('undo'),
    redo: () => void calls.push('redo'),
    deleteSelected: () => void calls.push('deleteSelected'),
    clear: () => {
      calls.push('clear');
      snap = { site: [], supplements: [] };
      events.onCommit?.(snap);
    },
    load: (s) => {
      calls.push(`load ${s.site.length}+${s.supplements.length}`);
      snap = s;
      events.onCommit?.(s);
      return { rejected: 0 };
    },
    add: (fs, r) => {
      snap = r === 'site' ? { ...snap, site: [...snap.site, ...fs] } : { ...snap, supplements: [...snap.supplements, ...fs] };
      events.onCommit?.(snap);
      return { rejected: 0 };
    },
    getSnapshot: () => snap,
    getInProgress: () => inProgress,
    resume: (p) => {
      calls.push(`resume ${p.mode} ${p.coordinates.length}`);
      inProgress = p;
      tool = p.mode;
      role = p.role;
    },
    setHighlight: (items) => void highlights.push(items.length),
    refreshLive: () => void calls.push('refreshLive'),
    destroy: () => void calls.push('destroy'),
  };
  return {
    port,
    calls,
    highlights,
    factory: (ev: DrawEvents) => {
      events = ev;
      return port;
    },
    emit: () => events,
    commit(s: DrawSnapshot) {
      snap = s;
      events.onCommit?.(s);
    },
  };
}

/** The engine faked: requests wait until the test answers them. */
function fakeEngine() {
  const asked: { type: string; payload: { site?: AreaGeometry[] }; resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  const engine = {
    request: (type: string, payload: { site?: AreaGeometry[] }) => new Promise((resolve, reject) => asked.push({ type, payload, resolve, reject })),
  } as unknown as DrawEngine;
  const take = (type: string) => {
    const i = asked.findIndex((a) => a.type === type);
    if (i < 0) throw new Error(`no ${type} request (have ${asked.map((a) => a.type).join(', ')})`);
    return asked.splice(i, 1)[0];
  };
  return { engine, asked, take };
}

const live = (mu: number) => ({ siteAreaM2: mu * 666.67, siteAreaMu: mu, layers: [], computeMs: 1 });
const full = (n: number) => ({ report: { siteAreaMu: n }, touched: [], touchedTotal: 0, highlight: Array.from({ length: n }, () => ({ kind: 'cultivated', geometry: SQ(0) })), computeMs: 1 });

async function setup(draft?: Draft, saved: Scenario[] = []) {
  const storage = memoryStorage();
  for (const sc of saved) await storage.put(sc);
  if (draft) await storage.putDraft(draft);
  const scenarios = createScenarioStore(storage);
  await scenarios.getState().init();
  const p = fakePort();
  const e = fakeEngine();
  let clock = 1000;
  const session = createDrawSession(p.factory, e.engine, scenarios, { now: () => clock });
  return { ...p, ...e, session, scenarios, storage, advance(ms: number) {
      clock += ms;
    } };
}

describe('draw session behind the port', () => {
  it("impactOf: a saved scenario's figures for its report, the drawing and its figures left alone", async () => {
    const t = await setup();
    t.commit({ site: [feat('a', 0)], supplements: [] });
    t.take('drawImpact').resolve(full(1));
    await tick();
    const before = t.session.getState().full;
    const asked = t.session.getState().impactOf([SQ(5)]);
    const r = t.take('drawImpact');
    expect(r.payload.site).toEqual([SQ(5)]);
    r.resolve(full(3));
    expect((await asked).highlight).toHaveLength(3);
    expect(t.session.getState().full).toBe(before);
    expect(t.session.getState().site).toEqual([feat('a', 0)]);
    expect(t.highlights).toEqual([1]);
  });
  it('live: one request in flight, only the newest geometry waits, latency from the frame that saw it', async () => {
    const t = await setup();
    const ev = t.emit();
    ev.onLive?.([SQ(1)], 1000);
    ev.onLive?.([SQ(2)], 1010);
    ev.onLive?.([SQ(3)], 1020);
    expect(t.asked.filter((a) => a.type === 'drawLive')).toHaveLength(1);
    t.advance(50);
    t.take('drawLive').resolve(live(1));
    await tick();
    expect(t.session.getState().live?.siteAreaMu).toBe(1);
    expect(t.session.getState().latencies).toEqual([50]);
    const second = t.take('drawLive');
    expect(second.payload.site).toEqual([SQ(3)]);
    expect(t.asked.filter((a) => a.type === 'drawLive')).toHaveLength(0);
    // a stale answer (superseded in the client) is dropped silently
    second.reject(new Superseded());
    await tick();
    expect(t.session.getState().live?.siteAreaMu).toBe(1);
    // an empty site clears the figures without asking
    ev.onLive?.([], 1100);
    expect(t.session.getState().live).toBeUndefined();
    expect(t.asked.filter((a) => a.type === 'drawLive')).toHaveLength(0);
  });

  it('commit: the drawing in the store, autosaved, its impact computed; an older answer is dropped', async () => {
    const t = await setup();
    t.commit({ site: [feat('a', 0)], supplements: [] });
    t.commit({ site: [feat('a', 0), feat('b', 2)], supplements: [] });
    expect(t.session.getState().site.map((f) => f.id)).toEqual(['a', 'b']);
    expect(t.session.getState().busy).toBe(true);
    const [first, second] = [t.take('drawImpact'), t.take('drawImpact')];
    second.resolve(full(2));
    await tick();
    first.resolve(full(1));
    await tick();
    expect(t.session.getState().full?.report.siteAreaMu).toBe(2);
    expect(t.highlights).toEqual([2]);
    expect(t.session.getState().busy).toBe(false);
    await tick();
    expect((await t.storage.getDraft())?.site.map((f) => f.id)).toEqual(['a', 'b']);
  });

  it('a failed impact (a server refusal, an unreachable server) is kept as its message for the panel; the next answer clears it; a stale failure says nothing', async () => {
    const t = await setup();
    const ev = t.emit();
    ev.onLive?.([SQ(1)], 1000);
    t.take('drawLive').reject(new Error('环未闭合（首尾坐标应相同） / a ring is not closed (first and last positions must be equal)'));
    await tick();
    expect(t.session.getState().impactError).toBe('环未闭合（首尾坐标应相同） / a ring is not closed (first and last positions must be equal)');
    ev.onLive?.([SQ(2)], 1010);
    t.take('drawLive').resolve(live(2));
    await tick();
    expect(t.session.getState().impactError).toBeUndefined();
    // a commit's failure; then an older commit's failure after a newer one answered: not shown
    t.commit({ site: [feat('a', 0)], supplements: [] });
    t.take('drawImpact').reject(new Error('无法连接省级服务器（Failed to fetch） / cannot reach the province server (Failed to fetch)'));
    await tick();
    expect(t.session.getState().impactError).toMatch(/cannot reach the province server/);
    expect(t.session.getState().busy).toBe(false);
    t.commit({ site: [feat('a', 0), feat('b', 2)], supplements: [] });
    t.commit({ site: [feat('b', 2)], supplements: [] });
    const [older, newer] = [t.take('drawImpact'), t.take('drawImpact')];
    newer.resolve(full(1));
    await tick();
    expect(t.session.getState().impactError).toBeUndefined();
    older.reject(new Error('坏 / bad'));
    await tick();
    expect(t.session.getState().impactError).toBeUndefined();
    expect(t.session.getState().full?.report.siteAreaMu).toBe(1);
  });

  it('supplements: the balance is asked after the impact; an empty site clears figures and highlight', async () => {
    const t = await setup();
    t.commit({ site: [feat('a', 0)], supplements: [feat('s', 5)] });
    t.take('drawImpact').resolve(full(1));
    await tick();
    const bal = t.take('drawBalance');
    bal.resolve({ balance: { pass: true }, impact: { siteAreaMu: 1 } });
    await tick();
    expect(t.session.getState().balance).toEqual({ pass: true });
    t.session.getState().clear();
    expect(t.calls).toContain('clear');
    expect(t.session.getState().full).toBeUndefined();
    expect(t.session.getState().balance).toBeUndefined();
    expect(t.highlights.at(-1)).toBe(0);
  });

  it('actions go to the port; the store follows', async () => {
    const t = await setup();
    const s = t.session.getState();
    s.setTool('polygon');
    s.setRole('supplement');
    s.setSnapping(false);
    s.undo();
    s.redo();
    s.deleteSelected();
    s.refresh();
    expect(t.calls).toEqual(['tool polygon', 'role supplement', 'snapping false', 'undo', 'redo', 'deleteSelected', 'refreshLive']);
    expect(t.session.getState()).toMatchObject({ tool: 'polygon', role: 'supplement', snapping: false });
    t.emit().onHistory?.({ canUndo: true, canRedo: false });
    t.emit().onMessage?.('selfIntersects');
    expect(t.session.getState()).toMatchObject({ canUndo: true, canRedo: false, message: 'selfIntersects' });
    t.session.getState().destroy();
    expect(t.calls.at(-1)).toBe('destroy');
  });

  it('a draft comes back: the drawing loaded, the unfinished shape resumed with its tool and role, one write after', async () => {
    const inProgress: InProgress = { mode: 'polygon', role: 'supplement', coordinates: [[1, 1], [2, 1]] };
    const t = await setup({ site: [feat('a', 0)], supplements: [], scenarioId: 's-1', name: '方案甲', inProgress, savedAt: '2026-01-01T00:00:00Z' });
    expect(t.calls).toEqual(['load 1+0', 'resume polygon 2']);
    expect(t.session.getState()).toMatchObject({ scenarioId: 's-1', name: '方案甲', tool: 'polygon', role: 'supplement', message: 'draftRestored' });
    await tick();
    const d = await t.storage.getDraft();
    expect(d?.inProgress).toEqual(inProgress);
    expect(d?.name).toBe('方案甲');
  });

  it('the "restored unsaved drawing" notice only when the draft differs from its saved scenario', async () => {
    const sc: Scenario = { id: 's-1', name: '方案甲', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', year: 2026, site: [feat('a', 0)], supplements: [] };
    const same = await setup({ site: [feat('a', 0)], supplements: [], scenarioId: 's-1', name: '方案甲', savedAt: '2026-01-01T00:00:00Z' }, [sc]);
    expect(same.calls).toEqual(['load 1+0']);
    expect(same.session.getState().message).toBeUndefined();
    const changed = await setup({ site: [feat('a', 3)], supplements: [], scenarioId: 's-1', name: '方案甲', savedAt: '2026-01-01T00:00:00Z' }, [sc]);
    expect(changed.session.getState().message).toBe('draftRestored');
    const never = await setup({ site: [feat('a', 0)], supplements: [], name: '', savedAt: '2026-01-01T00:00:00Z' }, [sc]);
    expect(never.session.getState().message).toBe('draftRestored');
  });

  it('autosave writes only when the drawing changed', async () => {
    const t = await setup();
    let writes = 0;
    const put = t.storage.putDraft.bind(t.storage);
    t.storage.putDraft = async (d) => {
      writes++;
      return put(d);
    };
    t.commit({ site: [feat('a', 0)], supplements: [] });
    t.emit().onProgress?.();
    t.emit().onProgress?.();
    await tick();
    expect(writes).toBe(1);
    t.session.getState().setName('方案乙');
    await tick();
    expect(writes).toBe(2);
  });
});
