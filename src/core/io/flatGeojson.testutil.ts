/**
 * Test helpers for the flat GeoJSON scanner and what reads its answer (flatGeojson.test.ts, flatPack.test.ts):
 * seeded random collections written token by token, the reference parse, a scan rebuilt as GeoJSON, and an exact
 * diff of two JSON values.
 */
import type { FlatCollection } from './flatGeojson';
import { rng } from '../../../test/bench/browser/genParcels';

export const enc = (s: string) => new TextEncoder().encode(s);
export const cat = (...parts: (string | number[] | Uint8Array)[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? enc(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
};

/** What the general path starts from: a fatal UTF-8 decode (BOM stripped) and JSON.parse. Throws when it does. */
export const reference = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));

export const own = (o: object, k: string, value: unknown) => Object.defineProperty(o, k, { value, writable: true, enumerable: true, configurable: true });

/** The scan rebuilt as GeoJSON: root members, features [{type, id?, properties, geometry {type, coordinates}}]. */
export function materialize(fc: FlatCollection): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(fc.root)) own(out, k, fc.root[k]);
  const { xs, ys, ringStart, partStart, featurePart, multi } = fc.store;
  const features: unknown[] = [];
  for (let i = 0; i < fc.count; i++) {
    const polys: number[][][][] = [];
    for (let p = featurePart[i]; p < featurePart[i + 1]; p++) {
      const rings: number[][][] = [];
      for (let r = partStart[p]; r < partStart[p + 1]; r++) {
        const ring: number[][] = [];
        for (let k = ringStart[r]; k < ringStart[r + 1]; k++) ring.push([xs[k], ys[k]]);
        rings.push(ring);
      }
      polys.push(rings);
    }
    const geometry = multi[i] === 1 ? { type: 'MultiPolygon', coordinates: polys } : { type: 'Polygon', coordinates: polys[0] };
    const f: Record<string, unknown> = { type: 'Feature' };
    if (fc.ids[i] !== undefined) f.id = fc.ids[i];
    f.properties = fc.properties[i];
    f.geometry = geometry;
    features.push(f);
  }
  out.features = features;
  return out;
}

/** First difference between two JSON values ('' when none): numbers by Object.is (−0, exact bits), same own keys, same prototype. */
export function diff(a: unknown, b: unknown, path = '$'): string {
  if (typeof a === 'number' || typeof b === 'number') return typeof a === typeof b && Object.is(a, b) ? '' : `${path}: ${String(a)} vs ${String(b)}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? '' : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototype`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return '';
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${ka} vs ${kb}`;
  for (const k of ka) {
    const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return '';
}


// ---------------------------------------------------------------------------------------------------------------
// Seeded random documents, written token by token (whitespace, member order, escapes, number spellings)


export class Writer {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** JSON whitespace, often none. */
  ws(): string {
    if (this.rnd() < 0.75) return '';
    let s = '';
    for (let k = 1 + this.int(3); k > 0; k--) s += this.pick([' ', '\t', '\n', '\r', '  ']);
    return s;
  }
  /** A JSON number spelling of about v: shortest, 1–17 significant digits, exponent forms, trailing zeros. */
  num(v: number): string {
    const d = 1 + this.int(17);
    switch (this.int(6)) {
      case 0:
        return String(v);
      case 1:
        return v.toPrecision(d);
      case 2: {
        let s = v.toExponential(d - 1);
        if (this.rnd() < 0.5) s = s.replace('e+', 'e');
        return this.rnd() < 0.3 ? s.toUpperCase() : s;
      }
      case 3:
        return v.toFixed(this.int(13));
      case 4: {
        // mantissa × 10^−k written with an exponent: 1234e-2
        const k = this.int(8);
        const m = Math.round(v * 10 ** k);
        return Math.abs(m) < 1e21 ? `${m}e-${k}` : String(v);
      }
      default:
        return v.toPrecision(Math.min(17, 8 + this.int(10)));
    }
  }
  str(s: string): string {
    let out = '"';
    for (const ch of s) {
      const c = ch.codePointAt(0) as number;
      if (ch === '"') out += '\\"';
      else if (ch === '\\') out += '\\\\';
      else if (c < 0x20) out += this.rnd() < 0.5 && ch === '\n' ? '\\n' : `\\u${c.toString(16).padStart(4, '0')}`;
      else if (ch === '/' && this.rnd() < 0.5) out += '\\/';
      else if (c > 0x7e && this.rnd() < 0.3) {
        for (let k = 0; k < ch.length; k++) out += `\\u${ch.charCodeAt(k).toString(16).toUpperCase().padStart(4, '0')}`;
      } else out += ch;
    }
    return `${out}"`;
  }
  text(): string {
    const chars = ['a', 'B', '7', ' ', '{', '}', '[', ']', ',', ':', '"', '\\', '/', '\n', '\t', '\u0001', '耕', '地', '旱', '村', 'é', '😀', '\u2028', 'x'];
    let s = '';
    for (let k = this.int(8); k > 0; k--) s += this.pick(chars);
    return s;
  }
  obj(members: [string, string][]): string {
    return `{${this.ws()}${members.map(([k, v]) => `${this.str(k)}${this.ws()}:${this.ws()}${v}`).join(`${this.ws()},${this.ws()}`)}${this.ws()}}`;
  }
  arr(items: string[]): string {
    return `[${this.ws()}${items.join(`${this.ws()},${this.ws()}`)}${this.ws()}]`;
  }
}

/** distinctVertices of src/core/validate/geometry.ts, on values. */
export function distinct(ring: number[][]): number {
  let m = 0;
  let lx = Number.NaN;
  let ly = Number.NaN;
  for (let k = 0; k < ring.length - 1; k++) {
    if (ring[k][0] !== lx || ring[k][1] !== ly) m++;
    lx = ring[k][0];
    ly = ring[k][1];
  }
  if (m > 1 && lx === ring[0][0] && ly === ring[0][1]) m--;
  return m;
}

export function randomRing(w: Writer): string {
  for (;;) {
    const cx = -179 + 358 * w.rnd();
    const cy = -89 + 178 * w.rnd();
    const r = 10 ** -w.int(6) * (0.2 + w.rnd());
    const nv = 3 + w.int(6);
    const texts: [string, string][] = [];
    for (let k = 0; k < nv; k++) {
      const a = (2 * Math.PI * (k + 0.5 * w.rnd())) / nv;
      const vx = Math.max(-180, Math.min(180, cx + r * Math.cos(a)));
      const vy = Math.max(-90, Math.min(90, cy + r * Math.sin(a)));
      let tx = w.num(vx);
      let ty = w.num(vy);
      if (!(Math.abs(Number(tx)) <= 180)) tx = String(vx);
      if (!(Math.abs(Number(ty)) <= 90)) ty = String(vy);
      if (Object.is(Number(tx), 0) && w.rnd() < 0.5) tx = '-0';
      texts.push([tx, ty]);
      if (w.rnd() < 0.1) texts.push([tx, ty]); // a consecutive repeat
    }
    texts.push(texts[0]);
    if (distinct(texts.map(([x, y]) => [Number(x), Number(y)])) < 3) continue;
    return w.arr(texts.map(([x, y]) => w.arr([x, y])));
  }
}

const polygon = (w: Writer) => w.arr(Array.from({ length: 1 + w.int(3) }, () => randomRing(w)));

export function randomValue(w: Writer): string {
  switch (w.int(7)) {
    case 0:
    case 1:
      return w.str(w.text());
    case 2:
      return w.num((w.rnd() - 0.5) * 10 ** (w.int(40) - 20));
    case 3:
      return w.pick(['0', '-0', '0.1', '1e5', '1E+5', '123456789012345678', '1.7976931348623157e308', '5e-324', '-2.5e-3', '9007199254740993', '1e400']);
    case 4:
      return w.pick(['true', 'false', 'null']);
    case 5:
      return String(w.int(100000));
    default:
      return w.str('');
  }
}

export function randomFeature(w: Writer): string {
  const multi = w.rnd() < 0.4;
  const coordinates = multi ? w.arr(Array.from({ length: 1 + w.int(3) }, () => polygon(w))) : polygon(w);
  const geometry = w.obj(w.shuffle<[string, string]>([['type', multi ? '"MultiPolygon"' : '"Polygon"'], ['coordinates', coordinates]]));
  const props: [string, string][] = [];
  for (let k = w.int(8); k > 0; k--) props.push([w.pick(['BSM', 'DLMC', '地类', '__proto__', 'a"b', 'e\\', w.text()]), randomValue(w)]);
  const members: [string, string][] = [
    ['type', '"Feature"'],
    ['properties', w.rnd() < 0.1 ? 'null' : w.obj(props)],
    ['geometry', geometry],
  ];
  const idKind = w.int(3);
  if (idKind === 1) members.push(['id', w.num((w.rnd() - 0.3) * 10 ** w.int(12))]);
  if (idKind === 2) members.push(['id', w.str(w.text())]);
  return w.obj(w.shuffle(members));
}

export function randomDocument(seed: number): Uint8Array {
  const w = new Writer(rng(seed));
  const members: [string, string][] = [
    ['type', '"FeatureCollection"'],
    ['features', w.arr(Array.from({ length: w.int(7) }, () => randomFeature(w)))],
  ];
  if (w.rnd() < 0.5) members.push(['name', w.str(w.text())]);
  if (w.rnd() < 0.3) members.push(['crs', w.obj([['type', '"name"'], ['properties', w.obj([['name', '"urn:ogc:def:crs:EPSG::4490"']])]])]);
  if (w.rnd() < 0.3) members.push(['bbox', w.arr(['-1.5', '2', '3e1', '4'])]);
  if (w.rnd() < 0.2) members.push(['synthetic', 'true']);
  const text = `${w.ws()}${w.obj(w.shuffle(members))}${w.ws()}`;
  return w.rnd() < 0.2 ? cat([0xef, 0xbb, 0xbf], text) : enc(text);
}
