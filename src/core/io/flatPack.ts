/**
 * A layer pack (`.fpk`): a GeoJSON FeatureCollection of lon/lat polygons stored as the flat arrays the engine reads
 * (flatGeojson.ts FlatStore) and its properties in columns, instead of text. Reading a county's 222 MB of GeoJSON
 * costs the app's engine worker ~3 s of scanning and the browser as much again in moving text; its pack is ~40 MB
 * of numbers copied into typed arrays (docs/large-layers.md "Layer packs"). `farmland pack` writes one from any file
 * the engine imports; the app and the CLI read one wherever they read GeoJSON (readGeojson.ts parseGeoJsonBytes).
 *
 * Reading a pack gives exactly what reading the GeoJSON it was written from gives: the same root members, ids,
 * properties (names, order, values by `Object.is`) and positions (every double the same bits). Positions are kept
 * as integers at the fewest decimals that give every one of them back exactly (k / 10^d is the double nearest the
 * decimal, as the text's was), delta-coded as varints; a layer whose positions need more than 12 decimals (e.g.
 * reprojected from a Gauss-Krüger zone) keeps its doubles as they are.
 *
 * Layout (little-endian): the magic `FPK1\r\n\x1a\n`; a u32 length and a UTF-8 JSON header (root members, counts,
 * the properties' shapes and columns, when and by what it was written, and the sections' lengths); then each
 * section, starting at a multiple of 8. A reader trusts nothing in it: every count is checked against the bytes
 * before anything is allocated, every offset and ring against the rules the GeoJSON scanner applies (lon/lat,
 * closed rings of ≥ 4 positions and ≥ 3 distinct vertices), and a damaged pack is an error naming what is wrong.
 */

/** The first 8 bytes of every pack (PNG's trick: a text-mode copy or a truncated download breaks them). */
export const PACK_MAGIC = Uint8Array.from([0x46, 0x50, 0x4b, 0x31, 0x0d, 0x0a, 0x1a, 0x0a]);
export const VERSION = 1;
/** Most decimals tried for positions before keeping doubles. */
export const MAX_DECIMALS = 12;
/** A column whose strings are more than half distinct is kept as a JSON list rather than a table and codes. */
export const DISTINCT_SHARE = 0.5;

/** Whether `bytes` start like a pack. */
export function isPack(bytes: Uint8Array): boolean {
  if (bytes.length < PACK_MAGIC.length) return false;
  for (let i = 0; i < PACK_MAGIC.length; i++) if (bytes[i] !== PACK_MAGIC[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Header

export type SectionType = 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32' | 'f64' | 'varint' | 'json';
export interface Section {
  name: string;
  type: SectionType;
  bytes: number;
}

/** A column of values, one per row that has it, in row order. Kinds: 0 null, 1 false, 2 true, 3 number, 4 string, 5 absent (ids only). */
export interface ColumnHeader {
  /** Section of a kind byte per value; absent when every value is of `only`'s kind. */
  kinds?: string;
  only?: number;
  /** Section of the numbers, in order (u8 … i32 or f64). */
  numbers?: string;
  /** Section of the string codes (u8/u16/u32) into `dict`, or absent with `strings` a JSON list of the values themselves. */
  codes?: string;
  /** Section: a JSON list of distinct strings (with `codes`), or of every string value in order (without). */
  strings?: string;
  /**
   * Instead of `strings` without codes: every string is `digitPrefix` (the values' common start, often '') then
   * `digits` decimal digits (leading zeros kept, at most 15), as a 三调 BSM or 编号 is; held as the numbers those
   * digits spell, zigzag varint deltas in this section. A 500k county's BSM column is ~1 MB this way instead of
   * ~9 MB of JSON, and is read without JSON.parse.
   */
  digitStrings?: string;
  digits?: number;
  digitPrefix?: string;
}

export interface PackHeader {
  format: 'farmland-pack';
  version: number;
  /** When and by what it was written (not part of the collection). */
  written?: { at: string; by: string; from?: string };
  root: Record<string, unknown>;
  count: number;
  positions: number;
  rings: number;
  parts: number;
  /** Positions as integers over 10^decimals, delta-coded; null: doubles as they are. */
  decimals: number | null;
  ids: ColumnHeader;
  /** Each distinct list of property names, in order; a feature's `shape` section holds its index, `shapes.length` for null properties. */
  shapes: string[][];
  columns: Record<string, ColumnHeader>;
  sections: Section[];
}

/** Bytes per element of each typed section. */
export const ELEMENT: Record<Exclude<SectionType, 'varint' | 'json'>, number> = { u8: 1, u16: 2, u32: 4, i8: 1, i16: 2, i32: 4, f64: 8 };
