import { describe, expect, it } from 'vitest';
import { BACKGROUND, mix, TOWNSHIP_FILL } from './styles';

describe('mix', () => {
  it('mixes #rrggbb colours per channel, rounded, and leaves anything else as it is', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#e3c16f', '#000000', 0.4)).toBe('#887443'); // an outline: 0.6 of each channel
    expect(mix('#E3C16F', '#ffffff', 0)).toBe('#e3c16f');
    expect(mix('#123456', '#abcdef', 1)).toBe('#abcdef');
    expect(mix('red', '#ffffff', 0.5)).toBe('red');
    expect(mix('#123456', 'rgb(0,0,0)', 0.5)).toBe('#123456');
  });

  it('gives the townships the colour of white at 55 % over the background', () => {
    expect(BACKGROUND).toBe('#eef0ea');
    expect(TOWNSHIP_FILL).toBe('#f7f8f6');
  });
});
