import { describe, expect, it } from 'vitest';
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
});
