import { describe, expect, it } from 'vitest';
import { controlLabels } from './controlLabels';

describe('controlLabels', () => {
  it('names the same MapLibre controls in both languages, the Chinese ones without English', () => {
    expect(Object.keys(controlLabels('zh'))).toEqual(Object.keys(controlLabels('en')));
    for (const label of Object.values(controlLabels('zh'))) expect(label).not.toMatch(/[A-Za-z]/);
    expect(controlLabels('zh')['.maplibregl-ctrl-zoom-in']).toBe('放大');
    expect(controlLabels('en')['.maplibregl-ctrl-zoom-in']).toBe('Zoom in');
  });
});
