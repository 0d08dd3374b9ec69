import { describe, expect, it } from 'vitest';
import { layerDisplayName } from './layerName';

describe('layerDisplayName', () => {
  it("names a kind's standard layer in English, also as an imported layer's prefix (the legend read '耕地 · gk39.zip' in English)", () => {
    expect(layerDisplayName('耕地', 'cultivated', 'en')).toBe('Cultivated land');
    expect(layerDisplayName('耕地 · gk39-gbk-detect.zip', 'cultivated', 'en')).toBe('Cultivated land · gk39-gbk-detect.zip');
    expect(layerDisplayName('耕地 · gk39-gbk-detect.zip', 'cultivated', 'zh')).toBe('耕地 · gk39-gbk-detect.zip');
  });
  it("keeps the data's own names", () => {
    expect(layerDisplayName('安丰县耕地', 'cultivated', 'en')).toBe('安丰县耕地');
    expect(layerDisplayName('耕地核查', 'cultivated', 'en')).toBe('耕地核查');
  });
});
