import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SBCS_UPPER, sbcsDecoder } from './codepages';

const ICONV_NAME: Record<number, string> = { 10029: 'maccenteuro' };

describe('DOS / Mac code pages GDAL maps and TextDecoder lacks', () => {
  it('every table equals iconv-lite', () => {
    const high = new Uint8Array(128).map((_, i) => 0x80 + i);
    for (const cp of Object.keys(SBCS_UPPER).map(Number)) {
      expect(sbcsDecoder(cp)?.decode(high), `cp${cp}`).toBe(iconv.decode(Buffer.from(high), ICONV_NAME[cp] ?? `cp${cp}`));
    }
  });
  it('decodes a CP850 (DOS Latin-1) name', () => {
    // "Müller Ærø" in CP850: ü = 0x81, Æ = 0x92, ø = 0x9B
    const b = new Uint8Array([0x4d, 0x81, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x92, 0x72, 0x9b]);
    expect(sbcsDecoder(850)?.decode(b)).toBe('Müller Ærø');
    expect(sbcsDecoder(1)).toBeUndefined();
  });
});
