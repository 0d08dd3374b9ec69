import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng, quantizeToPng8, shrinkPng } from './pngQuantize';

describe('pngQuantize', () => {
  it('round-trips a flat-colour image exactly through the indexed PNG', () => {
    const w = 37;
    const h = 11;
    const rgba = new Uint8Array(w * h * 4);
    const colours = [[255, 255, 255], [22, 50, 79], [227, 193, 111], [215, 25, 28]];
    for (let i = 0; i < w * h; i++) rgba.set([...colours[(i * 7) % 4], 255], i * 4);
    const png = quantizeToPng8(w, h, rgba);
    const back = decodePngIndexedForTest(png);
    expect(back).toEqual(rgba);
    // and the decoder reads an RGBA PNG the encoder did not write: the indexed one is rejected
    expect(() => decodePng(png)).toThrow(/colour type 3/);
    expect(() => shrinkPng(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
  });
});

/** Minimal reader of our own indexed output (filter 0 only), to check the round trip. */
function decodePngIndexedForTest(png: Uint8Array): Uint8Array {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let off = 8;
  let w = 0;
  let h = 0;
  let plte: Uint8Array = new Uint8Array();
  let idat: Uint8Array = new Uint8Array();
  while (off < png.length) {
    const len = dv.getUint32(off);
    const type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      w = dv.getUint32(off + 8);
      h = dv.getUint32(off + 12);
    } else if (type === 'PLTE') plte = data;
    else if (type === 'IDAT') idat = data;
    off += 12 + len;
  }
  const raw = unzlibSync(idat);
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const idx = raw[y * (w + 1) + 1 + x];
      out.set([plte[idx * 3], plte[idx * 3 + 1], plte[idx * 3 + 2], 255], (y * w + x) * 4);
    }
  return out;
}
