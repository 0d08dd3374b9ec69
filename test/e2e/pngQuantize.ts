/**
 * Make a screenshot PNG small for the docs: decode Chromium's 8-bit RGB(A) PNG, reduce it to a 256-colour palette
 * (the most frequent colours at 5 bits per channel, every pixel mapped to its nearest palette entry) and write an
 * indexed PNG. UI screenshots are mostly flat colours, so the result looks the same at a fraction of the size.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { pngChunk } from '../../scripts/gen-demo/renderPng';

const SIG = [137, 80, 78, 71, 13, 10, 26, 10];

/** Decode an 8-bit, non-interlaced RGB or RGBA PNG to RGBA pixels. */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  for (let i = 0; i < 8; i++) if (png[i] !== SIG[i]) throw new Error('not a PNG');
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Uint8Array[] = [];
  while (off < png.length) {
    const len = dv.getUint32(off);
    const type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = dv.getUint32(off + 8);
      height = dv.getUint32(off + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error(`unsupported colour type ${colorType}`);
  const joined = new Uint8Array(idat.reduce((s, d) => s + d.length, 0));
  let p = 0;
  for (const d of idat) {
    joined.set(d, p);
    p += d.length;
  }
  const raw = unzlibSync(joined);
  const stride = width * bpp;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      rgba[(y * width + x) * 4] = cur[x * bpp];
      rgba[(y * width + x) * 4 + 1] = cur[x * bpp + 1];
      rgba[(y * width + x) * 4 + 2] = cur[x * bpp + 2];
      rgba[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, rgba };
}

/** RGBA pixels → indexed PNG with at most 256 colours (alpha dropped: screenshots are opaque). */
export function quantizeToPng8(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const key = (i: number) => ((rgba[i] >> 3) << 10) | ((rgba[i + 1] >> 3) << 5) | (rgba[i + 2] >> 3);
  const counts = new Uint32Array(32768);
  const sums = new Float64Array(32768 * 3);
  for (let i = 0; i < rgba.length; i += 4) {
    const k = key(i);
    counts[k]++;
    sums[k * 3] += rgba[i];
    sums[k * 3 + 1] += rgba[i + 1];
    sums[k * 3 + 2] += rgba[i + 2];
  }
  const bins = [...counts.keys()].filter((k) => counts[k] > 0).sort((a, b) => counts[b] - counts[a]).slice(0, 256);
  const palette = bins.map((k) => [sums[k * 3] / counts[k], sums[k * 3 + 1] / counts[k], sums[k * 3 + 2] / counts[k]].map(Math.round));
  const nearest = new Int16Array(32768).fill(-1);
  const indexOf = (k: number): number => {
    if (nearest[k] >= 0) return nearest[k];
    const r = ((k >> 10) << 3) + 4;
    const g = (((k >> 5) & 31) << 3) + 4;
    const b = ((k & 31) << 3) + 4;
    let best = 0;
    let bestD = Infinity;
    palette.forEach((p, i) => {
      const d = (p[0] - r) ** 2 + (p[1] - g) ** 2 + (p[2] - b) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    nearest[k] = best;
    return best;
  };
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = indexOf(key((y * width + x) * 4));
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = new Uint8Array(palette.length * 3);
  for (const [i, p] of palette.entries()) plte.set(p, i * 3);
  const parts = [new Uint8Array(SIG), pngChunk('IHDR', ihdr), pngChunk('PLTE', plte), pngChunk('IDAT', zlibSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function shrinkPng(png: Uint8Array): Uint8Array {
  const { width, height, rgba } = decodePng(png);
  return quantizeToPng8(width, height, rgba);
}
