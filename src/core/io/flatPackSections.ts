/**
 * Reading a layer pack's sections (flatPack.ts): where each is, checked against the file's length; numbers, JSON and
 * varints out of them; and the error a damaged pack raises (caught by flatPackRead.ts readPack, which answers it).
 */
import { ELEMENT, type PackHeader, type SectionType } from './flatPack';

export class Damaged extends Error {}

export const damaged = (why: string): never => {
  throw new Damaged(why);
};

/** Unsigned varints from a section: `read()` the next; `done()` whether every byte was read. */
export class VarintIn {
  private p: number;

  constructor(private readonly b: Uint8Array, start: number, private readonly end: number, private readonly what: string) {
    this.p = start;
  }

  read(): number {
    const b = this.b;
    let p = this.p;
    if (p >= this.end) damaged(`${this.what}: ends early`);
    let c = b[p++];
    if (c < 128) {
      this.p = p;
      return c;
    }
    let v = c & 127;
    let m = 128;
    for (let i = 1; ; i++) {
      if (p >= this.end || i > 7) damaged(`${this.what}: a number is cut off or too long`);
      c = b[p++];
      v += (c & 127) * m;
      if (c < 128) break;
      m *= 128;
    }
    this.p = p;
    return v;
  }

  done(): boolean {
    return this.p === this.end;
  }

  /** Bytes not read yet. */
  remaining(): number {
    return this.end - this.p;
  }
}


/** Where each section is, checked against the file's length. */
export function locate(bytes: Uint8Array, header: PackHeader, start: number): Map<string, { type: SectionType; at: number; bytes: number }> {
  const out = new Map<string, { type: SectionType; at: number; bytes: number }>();
  if (!Array.isArray(header.sections)) damaged('the header lists no sections');
  let o = start;
  for (const s of header.sections) {
    if (typeof s?.name !== 'string' || !Number.isSafeInteger(s.bytes) || s.bytes < 0 || !(s.type in ELEMENT || s.type === 'varint' || s.type === 'json')) damaged('a section is described wrongly in the header');
    if (out.has(s.name)) damaged(`section ${s.name} is listed twice`);
    if (o + s.bytes > bytes.length) damaged(`section ${s.name} runs past the end of the file (${bytes.length} bytes): the file is cut off`);
    const el = ELEMENT[s.type as keyof typeof ELEMENT];
    if (el !== undefined && s.bytes % el !== 0) damaged(`section ${s.name}: ${s.bytes} bytes is not a whole number of ${s.type}`);
    out.set(s.name, { type: s.type, at: o, bytes: s.bytes });
    o += s.bytes + ((8 - (s.bytes % 8)) % 8);
  }
  return out;
}

export type Located = ReturnType<typeof locate>;

export function section(secs: Located, name: string | undefined, what: string) {
  const s = name === undefined ? undefined : secs.get(name);
  return s ?? damaged(`${what}: section ${String(name)} is missing`);
}

/** The typed array of each numeric section type. */
const ARRAYS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i8: Int8Array, i16: Int16Array, i32: Int32Array, f64: Float64Array } as const;

/** A section of numbers as a JS typed array (copied: the file's bytes need not be aligned, and are let go). */
export function numbersOf(bytes: Uint8Array, s: { type: SectionType; at: number; bytes: number }, what: string): ArrayLike<number> {
  const C = s.type in ARRAYS ? ARRAYS[s.type as keyof typeof ARRAYS] : undefined;
  return C ? new C(bytes.slice(s.at, s.at + s.bytes).buffer) : damaged(`${what}: section of ${s.type} where numbers were expected`);
}

export const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function jsonOf(bytes: Uint8Array, s: { type: SectionType; at: number; bytes: number }, what: string): unknown {
  if (s.type !== 'json') damaged(`${what}: not a JSON section`);
  try {
    return JSON.parse(UTF8.decode(bytes.subarray(s.at, s.at + s.bytes)));
  } catch {
    return damaged(`${what}: its JSON is damaged`);
  }
}

/** A column's n values. */
