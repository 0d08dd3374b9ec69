import { describe, expect, it, vi } from 'vitest';
import { type EngineClient, Superseded } from '../../worker/client';
import { createAppStore } from '../store';

/** An engine that records requests and answers 'indicators' with a marker (or fails as told). */
function fakeClient(fail?: Error) {
  const asked: { type: string; payload: unknown }[] = [];
  const client = {
    request: async (type: string, payload: unknown) => {
      asked.push({ type, payload });
      if (type === 'indicators' && fail) throw fail;
      return type === 'indicators' ? { indicators: { marker: (payload as { region?: string }).region ?? 'all' }, remainder: { type: 'FeatureCollection', features: [] } } : { findings: [], source: 'x' };
    },
  } as unknown as EngineClient;
  return { client, asked };
}
const deps = (client: EngineClient) => ({ client, fetchJson: async () => ({}), baseUrl: 'http://app.test/' });

describe('indicators slice', () => {
  it('sends the manifest config’s rates once, then asks for the region’s indicators', async () => {
    const { client, asked } = fakeClient();
    const store = createAppStore(deps(client));
    store.setState({ manifest: { name: 'x', layers: [], config: 'cfg/config.json' }, manifestUrl: 'http://app.test/data/manifest.json', region: { level: 'township', code: '330102101' } });
    await store.getState().refreshIndicators();
    await store.getState().refreshIndicators();
    expect(asked.filter((a) => a.type === 'setRewardRates')).toEqual([{ type: 'setRewardRates', payload: { file: 'cfg/config.json', source: { url: 'http://app.test/data/cfg/config.json' } } }]);
    expect(asked.filter((a) => a.type === 'indicators').map((a) => a.payload)).toEqual([{ region: '330102101' }, { region: '330102101' }]);
    expect(store.getState().indicators).toEqual({ marker: '330102101' });
    expect(store.getState().indicatorsFor).toEqual({ region: { level: 'township', code: '330102101' } });
    expect(store.getState().showRemainder).toBe(false);
    store.getState().setShowRemainder(true);
    expect(store.getState().showRemainder).toBe(true);
  });

  it('an engine error is shown; a superseded answer is not an error', async () => {
    const failing = createAppStore(deps(fakeClient(new Error('boom')).client));
    await failing.getState().refreshIndicators();
    expect(failing.getState().indicatorsError).toBe('boom');
    const superseded = createAppStore(deps(fakeClient(new Superseded()).client));
    await superseded.getState().refreshIndicators();
    expect(superseded.getState().indicatorsError).toBeUndefined();
  });

  /**
   * An engine whose indicators are always cut short; its remainder names the region and the indicators answer it
   * belongs to (`code#n`: the n-th indicators answer, i.e. the layers as they were then). `hold()` makes the next
   * remainder wait for the returned release.
   */
  function cutShortEngine() {
    const asked: { type: string; payload: unknown }[] = [];
    const parcels = (tag: string) => ({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 0, properties: { id: tag }, geometry: null }] });
    let answers = 0;
    let held: Promise<void> | undefined;
    const client = {
      request: async (type: string, payload: unknown) => {
        asked.push({ type, payload });
        const code = (payload as { region?: string }).region ?? 'all';
        if (type === 'indicators') {
          answers++;
          return { indicators: { marker: `${code}#${answers}` }, remainder: { type: 'FeatureCollection', features: [] }, listed: { candidates: 2000, of: 5000 } };
        }
        if (type === 'remainder') {
          const tag = `${code}#${answers}`;
          const wait = held;
          held = undefined;
          if (wait) await wait;
          return { remainder: parcels(tag) };
        }
        return { findings: [], source: 'x' };
      },
    } as unknown as EngineClient;
    const hold = () => {
      let release: () => void = () => undefined;
      held = new Promise<void>((r) => (release = r));
      return () => release();
    };
    const remainders = () => asked.filter((a) => a.type === 'remainder');
    return { client, asked, parcels, hold, remainders };
  }

  it('a long remainder comes without its parcels: they are asked for when the highlight is turned on, for the region they are of', async () => {
    const e = cutShortEngine();
    const store = createAppStore(deps(e.client));
    store.setState({ region: { level: 'township', code: '330102101' } });
    await store.getState().refreshIndicators();
    expect(store.getState().indicatorsListed).toEqual({ candidates: 2000, of: 5000 });
    expect(store.getState().remainder).toBeUndefined();
    expect(e.remainders()).toHaveLength(0);

    store.getState().setShowRemainder(true);
    await vi.waitFor(() => expect(store.getState().remainder).toEqual(e.parcels('330102101#1')));
    expect(e.remainders().map((a) => a.payload)).toEqual([{ region: '330102101' }]);
    // shown again: not asked again
    store.getState().setShowRemainder(false);
    store.getState().setShowRemainder(true);
    expect(e.remainders()).toHaveLength(1);

    // the region changes while the highlight is on: the new indicators ask for the new region's parcels
    store.setState({ region: { level: 'township', code: '330102102' } });
    await store.getState().refreshIndicators();
    expect(store.getState().remainder).toEqual(e.parcels('330102102#2'));

    // a fetch still in flight when a newer answer comes is not applied over the newer one's parcels
    const release = e.hold();
    store.setState({ region: { level: 'township', code: '330102103' } });
    const slow = store.getState().refreshIndicators();
    await vi.waitFor(() => expect(e.remainders()).toHaveLength(3));
    store.setState({ region: { level: 'township', code: '330102104' } });
    await store.getState().refreshIndicators();
    expect(store.getState().remainder).toEqual(e.parcels('330102104#4'));
    release();
    await slow;
    expect(store.getState().remainder).toEqual(e.parcels('330102104#4'));
  });

  it('parcels fetched for layers since changed are not kept: turned on again, the highlight asks for the new ones', async () => {
    const e = cutShortEngine();
    const store = createAppStore(deps(e.client));
    await store.getState().refreshIndicators();
    const release = e.hold();
    store.getState().setShowRemainder(true);
    await vi.waitFor(() => expect(e.remainders()).toHaveLength(1));
    store.getState().setShowRemainder(false);
    // a layer loads (same region): new indicators, while the first fetch is still out
    await store.getState().refreshIndicators();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().remainder).toBeUndefined();
    store.getState().setShowRemainder(true);
    await vi.waitFor(() => expect(store.getState().remainder).toEqual(e.parcels('all#2')));
    expect(e.remainders()).toHaveLength(2);
  });

  it('toggling while the parcels are on their way asks for them once', async () => {
    const e = cutShortEngine();
    const store = createAppStore(deps(e.client));
    await store.getState().refreshIndicators();
    const release = e.hold();
    for (let i = 0; i < 4; i++) {
      store.getState().setShowRemainder(true);
      store.getState().setShowRemainder(false);
    }
    store.getState().setShowRemainder(true);
    expect(store.getState().remainderLoading).toBe(true);
    release();
    await vi.waitFor(() => expect(store.getState().remainder).toEqual(e.parcels('all#1')));
    expect(e.remainders()).toHaveLength(1);
    expect(store.getState().remainderLoading).toBe(false);
  });

  it('a remainder that cannot be fetched turns the highlight off and says why; the figures stay', async () => {
    const client = {
      request: async (type: string) => {
        if (type === 'indicators') return { indicators: { marker: 'all' }, remainder: { type: 'FeatureCollection', features: [] }, listed: { candidates: 2000, of: 5000 } };
        if (type === 'remainder') throw new Error('worker gone');
        return { findings: [], source: 'x' };
      },
    } as unknown as EngineClient;
    const store = createAppStore(deps(client));
    await store.getState().refreshIndicators();
    store.getState().setShowRemainder(true);
    expect(store.getState().remainderLoading).toBe(true);
    await vi.waitFor(() => expect(store.getState().remainderError).toBe('worker gone'));
    expect(store.getState().showRemainder).toBe(false);
    expect(store.getState().remainderLoading).toBe(false);
    expect(store.getState().indicators).toEqual({ marker: 'all' });
    expect(store.getState().indicatorsError).toBeUndefined();
  });
});
