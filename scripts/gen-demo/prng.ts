/**
 * Deterministic randomness for the demo generator: a seeded PRNG (sfc32), string hashing to derive independent
 * streams, and smooth value noise. No Math.random, no Date: same seed → same numbers on every machine running the
 * same engine (Math.sin/log in V8 are fdlibm ports and are deterministic).
 */

/** 32-bit FNV-1a over a string, mixed (murmur3 finaliser). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Integer hash of (x, y, seed) → [0, 1). */
export function hash2(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ seed;
  h = fmix(h);
  return h / 4294967296;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const s = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
    this.a = s;
    this.b = fmix(s ^ 0x9e3779b9);
    this.c = fmix(s ^ 0x7f4a7c15);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A child stream named by `label`: independent of how many numbers this stream has drawn. */
  static derive(seed: string, label: string | number): Rng {
    return new Rng(hashString(`${seed}/${label}`));
  }
}

const smooth = (t: number): number => t * t * (3 - 2 * t);

/** 2-D value noise in [-1, 1], lattice spacing 1. */
export function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const v00 = hash2(ix, iy, seed);
  const v10 = hash2(ix + 1, iy, seed);
  const v01 = hash2(ix, iy + 1, seed);
  const v11 = hash2(ix + 1, iy + 1, seed);
  const a = v00 + (v10 - v00) * fx;
  const b = v01 + (v11 - v01) * fx;
  return 2 * (a + (b - a) * fy) - 1;
}

/** Fractal value noise (octaves halve in amplitude, double in frequency), roughly in [-1, 1]. */
export function fbm(x: number, y: number, seed: number, octaves = 3): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x * f, y * f, seed + o * 1013);
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}

/** 1-D periodic noise on an angle (for blob outlines), in [-1, 1]. */
export function angularNoise(theta: number, seed: number, harmonics = 5): number {
  let sum = 0;
  let norm = 0;
  for (let k = 1; k <= harmonics; k++) {
    const amp = 1 / k;
    const phase = hash2(k, 7, seed) * 2 * Math.PI;
    sum += amp * Math.sin(k * theta + phase);
    norm += amp;
  }
  return sum / norm;
}
