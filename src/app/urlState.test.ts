import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../state/store';
import { formatUrlState, parseUrlState } from './urlState';

const layer = (id: string, visible: boolean) => ({ info: { id }, visible }) as unknown as LayerEntry;

describe('URL state', () => {
  it('round-trips view, visible layers, region and language', () => {
    const url = formatUrlState(
      { view: { center: [126.61234, 45.79], zoom: 13.5, bearing: 0 }, layers: [layer('a', true), layer('b', false)], region: { level: 'township', code: '230123100' }, lang: 'en', status: 'ready' },
      'data/demo/manifest.json',
    );
    expect(url).toContain('region=township:230123100');
    const back = parseUrlState(url);
    expect(back).toEqual({ view: { center: [126.61234, 45.79], zoom: 13.5, bearing: 0 }, layers: ['a'], region: { level: 'township', code: '230123100' }, lang: 'en', manifest: 'data/demo/manifest.json' });
  });
  it('leaves layers out when all are visible, and ignores malformed values', () => {
    expect(formatUrlState({ layers: [layer('a', true)], lang: 'zh', status: 'ready' })).toBe('?lang=zh');
    expect(parseUrlState('?v=999,1,2&region=city:12&lang=fr')).toEqual({});
  });
});
