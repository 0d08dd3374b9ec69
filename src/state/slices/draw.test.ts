import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../worker/client';
import type { DrawPort } from '../draw/port';
import { memoryStorage } from '../scenarios/storage';
import { createAppStore } from '../store';

/** An engine that answers every request with `{}` (ledger: nothing to do) and records them. */
function fakeClient() {
  const asked: { type: string; payload: unknown }[] = [];
  const client = {
    request: async (type: string, payload: unknown) => {
      asked.push({ type, payload });
      return {};
    },
  } as unknown as EngineClient;
  return { client, asked };
}

function fakePort(calls: string[]): DrawPort {
  const empty = { site: [], supplements: [] };
  const note = (name: string) => () => void calls.push(name);
  return {
    setTool: note('setTool'),
    getTool: () => 'static',
    setRole: note('setRole'),
    getRole: () => 'site',
    setSnapping: note('setSnapping'),
    undo: note('undo'),
    redo: note('redo'),
    deleteSelected: note('deleteSelected'),
    clear: note('clear'),
    load: () => ({ rejected: 0 }),
    add: () => ({ rejected: 0 }),
    getSnapshot: () => empty,
    getInProgress: () => undefined,
    resume: note('resume'),
    setHighlight: note('setHighlight'),
    refreshLive: note('refreshLive'),
    destroy: note('destroy'),
  };
}

const deps = (client: EngineClient) => ({ client, fetchJson: async () => ({}), baseUrl: 'http://app.test/' });

describe('draw and scenarios slices', () => {
  it('scenarios open once; the session starts once they are, one at a time, and stops with its drawing', async () => {
    const { client } = fakeClient();
    const store = createAppStore(deps(client));
    const calls: string[] = [];
    expect(() => store.getState().startDrawing(() => fakePort(calls))).toThrow(/scenarios are not open/);
    const storage = memoryStorage();
    const [a, b] = await Promise.all([store.getState().openScenarios(storage), store.getState().openScenarios(storage)]);
    expect(a).toBe(b);
    expect(store.getState().scenarioStore).toBe(a);
    let built = 0;
    const session = store.getState().startDrawing(() => {
      built++;
      return fakePort(calls);
    });
    expect(store.getState().drawSession).toBe(session);
    expect(store.getState().startDrawing(() => fakePort(calls))).toBe(session);
    expect(built).toBe(1);
    session.getState().setTool('polygon');
    expect(calls).toEqual(['setTool']);
    store.getState().stopDrawing();
    expect(calls.at(-1)).toBe('destroy');
    expect(store.getState().drawSession).toBeUndefined();
  });

  it('the manifest’s analysis config goes to the engine, then the drawing’s figures are computed again', async () => {
    const { client, asked } = fakeClient();
    const store = createAppStore(deps(client));
    await store.getState().applyDrawConfig();
    expect(asked).toEqual([]); // no manifest, nothing to send
    store.setState({ manifest: { name: 'x', layers: [], config: 'cfg/config.json' }, manifestUrl: 'http://app.test/data/manifest.json' });
    await store.getState().openScenarios(memoryStorage());
    const calls: string[] = [];
    store.getState().startDrawing(() => fakePort(calls));
    await store.getState().applyDrawConfig();
    expect(asked.find((a) => a.type === 'drawConfig')?.payload).toEqual({ file: 'cfg/config.json', source: { url: 'http://app.test/data/cfg/config.json' } });
    expect(calls).toContain('refreshLive');
  });
});
