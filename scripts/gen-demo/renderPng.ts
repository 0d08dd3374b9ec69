/**
 * A tiny rasteriser and PNG encoder (node:zlib for DEFLATE): fills the demo layers by their colours from
 * src/core/layers/kinds.ts, draws boundaries, roads, canals and the river, and writes an RGB PNG.
 */
import { deflateSync } from 'node:zlib';
import { LAYER_KINDS } from '../../src/core/layers/kinds';
import type { LayerKind } from '../../src/core/types';
import { toLonLat } from './lonlat';
import type { World } from './world';

type RGB = [number, number, number];
const hex = (c: string): RGB => [Number.parseInt(c.slice(1, 3), 16), Number.parseInt(c.slice(3, 5), 16), Number.parseInt(c.slice(5, 7), 16)];

export class Raster {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    bg: RGB,
  ) {
    this.data = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.data.set(bg, i * 3);
  }

  blend(x: number, y: number, c: RGB, a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    for (let k = 0; k < 3; k++) this.data[i + k] = Math.round(this.data[i + k] * (1 - a) + c[k] * a);
  }

  /** Even-odd scanline fill of rings given in pixel coordinates (sampled at pixel centres). */
  fillRings(rings: readonly (readonly number[])[][], c: RGB, a = 1): void {
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const r of rings)
      for (const p of r) {
        y0 = Math.min(y0, p[1]);
        y1 = Math.max(y1, p[1]);
      }
    const ys = Math.max(0, Math.ceil(y0 - 0.5));
    const ye = Math.min(this.height - 1, Math.floor(y1 - 0.5));
    const xs: number[] = [];
    for (let y = ys; y <= ye; y++) {
      const yc = y + 0.5;
      xs.length = 0;
      for (const r of rings)
        for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
          const a0 = r[j];
          const b0 = r[i];
          if (a0[1] > yc !== b0[1] > yc) xs.push(a0[0] + ((b0[0] - a0[0]) * (yc - a0[1])) / (b0[1] - a0[1]));
        }
      xs.sort((p, q) => p - q);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const xa = Math.max(0, Math.ceil(xs[k] - 0.5));
        const xb = Math.min(this.width - 1, Math.floor(xs[k + 1] - 0.5));
        for (let x = xa; x <= xb; x++) this.blend(x, y, c, a);
      }
    }
  }

  /** A line of width `w` pixels as a filled quad. */
  line(a: readonly number[], b: readonly number[], w: number, c: RGB, alpha = 1): void {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len === 0) return;
    const nx = (-dy / len) * (w / 2);
    const ny = (dx / len) * (w / 2);
    this.fillRings([[[a[0] + nx, a[1] + ny], [b[0] + nx, b[1] + ny], [b[0] - nx, b[1] - ny], [a[0] - nx, a[1] - ny]]], c, alpha);
  }

  dot(p: readonly number[], r: number, c: RGB): void {
    const ring: number[][] = [];
    for (let i = 0; i < 12; i++) ring.push([p[0] + r * Math.cos((i * Math.PI) / 6), p[1] + r * Math.sin((i * Math.PI) / 6)]);
    this.fillRings([ring], c);
  }

  png(): Uint8Array {
    const raw = new Uint8Array((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width * 3 + 1)] = 0;
      raw.set(this.data.subarray(y * this.width * 3, (y + 1) * this.width * 3), y * (this.width * 3 + 1) + 1);
    }
    return encodePng(this.width, this.height, raw);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, body, CRC. Shared with the screenshot quantiser (test/e2e/pngQuantize.ts). */
export function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** PNG of 8-bit RGB rows already prefixed with their filter byte. */
export function encodePng(width: number, height: number, filteredRows: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const idat = new Uint8Array(deflateSync(filteredRows, { level: 9 }));
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))];
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

type Geo = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Render the county: area layers filled by kind colour, boundary layers outlined, then water and roads. */
export function renderCountyPng(
  w: World,
  layers: ReadonlyMap<LayerKind, readonly { geometry: Geo }[]>,
  width = 1600,
): Uint8Array {
  // view: lon/lat bbox of the township layer, aspect corrected by cos(lat)
  const all = layers.get('cultivated') ?? [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const scan = (g: Geo) => {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys)
      for (const q of p[0]) {
        x0 = Math.min(x0, q[0]);
        x1 = Math.max(x1, q[0]);
        y0 = Math.min(y0, q[1]);
        y1 = Math.max(y1, q[1]);
      }
  };
  for (const f of all) scan(f.geometry);
  for (const k of ['black-soil', 'no-supplement', 'eco-redline'] as const) for (const f of layers.get(k) ?? []) scan(f.geometry);
  const padX = (x1 - x0) * 0.02;
  const padY = (y1 - y0) * 0.02;
  x0 -= padX;
  x1 += padX;
  y0 -= padY;
  y1 += padY;
  const cosLat = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const height = Math.round((width * (y1 - y0)) / ((x1 - x0) * cosLat));
  const sx = width / (x1 - x0);
  const sy = height / (y1 - y0);
  const px = (p: readonly number[]): number[] => [(p[0] - x0) * sx, (y1 - p[1]) * sy];
  const img = new Raster(width, height, [246, 244, 238]);
  const color = new Map(LAYER_KINDS.map((k) => [k.id, hex(k.color)]));
  const fill = (kind: LayerKind, alpha: number) => {
    for (const f of layers.get(kind) ?? []) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const p of polys) img.fillRings(p.map((r) => r.map(px)), color.get(kind)!, alpha);
    }
  };
  const outline = (kind: LayerKind, lw: number, alpha: number) => {
    for (const f of layers.get(kind) ?? []) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const p of polys) {
        img.fillRings(p.map((r) => r.map(px)), color.get(kind)!, alpha * 0.18);
        for (const r of p) for (let i = 0; i + 1 < r.length; i++) img.line(px(r[i]), px(r[i + 1]), lw, color.get(kind)!, alpha);
      }
    }
  };
  fill('black-soil', 0.1);
  fill('cultivated', 1);
  fill('permanent-basic', 0.55);
  fill('high-standard', 0.2);
  fill('saline-alkali', 0.75);
  fill('abandoned', 1);
  outline('no-supplement', 1.5, 0.9);
  outline('eco-redline', 2.5, 1);
  outline('urban-boundary', 2.5, 1);
  // other land (ponds, grass, woods), villages and the town
  const toPx = (p: readonly number[]) => px(toLonLat([p[0], p[1]]));
  for (const p of w.patches) img.fillRings([p.map(toPx)], [214, 222, 200], 1);
  img.fillRings([w.town.built.map(toPx)], [150, 150, 150], 0.85);
  for (const t of w.townships) for (const v of t.villages) if (v.built !== w.town.built) img.fillRings([v.built.map(toPx)], [160, 160, 160], 0.85);
  // water and roads
  for (const l of w.lines) {
    const c: [number, number, number] = l.kind === 'road' ? [110, 110, 110] : [70, 130, 200];
    const lw = l.kind === 'river' ? 3.5 : l.kind === 'canal' ? 1.6 : l.level === 'provincial' ? 2.4 : l.level === 'county' ? 1.6 : 1;
    for (let i = 0; i + 1 < l.pts.length; i++) img.line(toPx(l.pts[i]), toPx(l.pts[i + 1]), lw, c, 1);
  }
  // township boundaries and the county outline
  for (const t of w.townships) for (const poly of t.polys) for (const r of poly) for (let i = 0; i < r.length; i++) img.line(toPx(r[i]), toPx(r[(i + 1) % r.length]), 1, [90, 90, 90], 0.6);
  for (let i = 0; i < w.outline.length; i++) img.line(toPx(w.outline[i]), toPx(w.outline[(i + 1) % w.outline.length]), 2.5, [40, 40, 40], 1);
  return img.png();
}
