/**
 * GeoJSON reader (RFC 7946), tolerant of a UTF-8 BOM and the legacy `crs` member (its EPSG code is reported
 * so the caller can reproject). Never throws: problems come back as findings naming the file.
 */
import type { Finding } from '../types';
import { type FlatCollection, scanFlatCollection } from './flatGeojson';
import { flatGeometry } from './flatGeometry';
import { isPack } from './flatPack';
import { readPack } from './flatPackRead';
import { GeoJsonSummary } from './readGeojsonSummary';
import { markPacked, PackedFeature } from './packedFeatures';
import { markPooled } from './pooledFeatures';
import type { Prescan } from './importTypes';

export interface ParsedGeoJson {
  features: unknown[];
  findings: Finding[];
  /** EPSG code named by a legacy `crs` member, if any (e.g. 4490, 4527). */
  crsEpsg?: number;
  /** Raw crs name when it could not be read as an EPSG code. */
  crsName?: string;
  /** For a FeatureCollection: its fields and extent, gathered while its depth was checked (readGeojsonSummary.ts). */
  summary?: GeoJsonSummary;
}

const MAX_DEPTH = 64;

/**
 * Depth of nesting in the text, stopping early. Run only when JSON.parse failed (so that an over-deep file that is
 * also malformed is still called too deep): on text that parses, treeTooDeep answers the same question faster.
 */
function nestingTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * Whether a parsed value nests arrays/objects deeper than `max` (the value itself at depth `depth` + 1). Same
 * answer as nestingTooDeep on the text it was parsed from (every bracket in the text is one container in the
 * tree), but it visits containers, not characters: ~14 per parcel instead of ~400 characters. V8's JSON.parse is
 * not recursive, so parsing first is safe; deep values would break the recursive steps after it (JSON.stringify,
 * structuredClone, walks), so the check still comes before anything uses the result. Recursion here is bounded by
 * `max`.
 */
function treeTooDeep(v: object, depth: number, max: number): boolean {
  return Array.isArray(v) ? arrayTooDeep(v, depth + 1, max) : objectTooDeep(v as Record<string, unknown>, depth + 1, max);
}

/**
 * A [lon, lat] pair: nothing nested inside. Its own small function so that V8 reads the two numbers from the
 * array's unboxed double storage: a generic loop over elements would box every coordinate into a heap number,
 * and those allocations set off scavenges that copy the freshly parsed tree — measured at 10× the walk itself.
 */
function isPair(x: readonly unknown[]): boolean {
  return x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'number';
}

/** An array at depth d. */
function arrayTooDeep(v: readonly unknown[], d: number, max: number): boolean {
  if (d > max) return true;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'object' || x === null) continue;
    if (Array.isArray(x)) {
      if (d + 1 > max) return true;
      if (!isPair(x) && arrayTooDeep(x, d + 1, max)) return true;
    } else if (objectTooDeep(x as Record<string, unknown>, d + 1, max)) return true;
  }
  return false;
}

/** An object at depth d (`for … in`: no key array per object; a JSON object has no inherited keys). */
function objectTooDeep(o: Record<string, unknown>, d: number, max: number): boolean {
  if (d > max) return true;
  for (const k in o) {
    const x = o[k];
    if (typeof x !== 'object' || x === null) continue;
    if (Array.isArray(x) ? arrayTooDeep(x, d + 1, max) : objectTooDeep(x as Record<string, unknown>, d + 1, max)) return true;
  }
  return false;
}

/**
 * treeTooDeep for a FeatureCollection (root at depth 1, its features array at depth 2), handing each feature to
 * `summary` right after checking it — same answer, one walk instead of three (readGeojsonSummary.ts).
 */
function collectionTooDeep(root: Record<string, unknown>, features: readonly unknown[], max: number, summary: GeoJsonSummary): boolean {
  if (1 > max) return true;
  for (const k in root) {
    const x = root[k];
    if (typeof x !== 'object' || x === null) continue;
    if (x !== features) {
      if (treeTooDeep(x, 1, max)) return true;
      continue;
    }
    if (2 > max) return true;
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      if (typeof f !== 'object' || f === null) continue;
      if (treeTooDeep(f, 2, max)) return true;
      summary.add(f);
    }
  }
  return false;
}

export function parseCrsEpsg(crs: unknown): { epsg?: number; name?: string } {
  if (crs === null || typeof crs !== 'object') return {};
  const props = (crs as { properties?: { name?: unknown; code?: unknown } }).properties;
  const name = props?.name ?? props?.code;
  if (typeof name === 'number') return { epsg: name };
  if (typeof name !== 'string') return {};
  if (/CRS84$/i.test(name)) return { epsg: 4326, name };
  const m = /EPSG:{1,2}(\d{4,6})\s*$/i.exec(name);
  return m ? { epsg: Number(m[1]), name } : { name };
}

/**
 * Bytes → text: UTF-16 when a UTF-16 byte-order mark says so (Windows "Unicode" exports), UTF-8 when the bytes are
 * valid UTF-8, else GB18030 (GBK files from Chinese GIS tools) when they decode cleanly as that, else UTF-8 with
 * replacement characters. `encoding` names what was used when it was not UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding?: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // not UTF-8: fall through
  }
  if (bytes.indexOf(0) === -1) {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      // neither (or no GB18030 decoder in this runtime)
    }
  }
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
}

/** A JSON.parse error message without V8's echo of the input (binary garbage, control characters), bounded. */
export function syntaxReason(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const cut = raw.replace(/,\s*(\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  const clean = cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 160 ? `${clean.slice(0, 160)}…` : clean;
}

/** Parse GeoJSON text or bytes into a list of features (a bare Feature or Geometry becomes one feature). */
export function parseGeoJson(input: string | Uint8Array, file: string): ParsedGeoJson {
  const findings: Finding[] = [];
  const fail = (code: string, message: string): ParsedGeoJson => {
    findings.push({ severity: 'error', code, message, file });
    return { features: [], findings };
  };
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeText(input);
    text = decoded.text;
    if (decoded.encoding === 'gb18030')
      findings.push({
        severity: 'warning',
        code: 'encoding.gb18030',
        message: `${file}: 文件不是 UTF-8，已按 GB18030（GBK）解码；GeoJSON 应为 UTF-8 / not UTF-8; decoded as GB18030 (GBK) — GeoJSON should be UTF-8`,
        file,
      });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('json.empty', `${file}: 文件为空 / file is empty`);
  // a NUL among the first 1024 characters (searching only there: the whole text may be hundreds of MB)
  if ((text.length > 1024 ? text.slice(0, 1024) : text).indexOf('\u0000') !== -1)
    return fail('json.binary', `${file}: 不是文本文件（像是二进制数据） / not a text file (looks binary)`);
  const tooDeep = () => fail('json.too-deep', `${file}: JSON 嵌套超过 ${MAX_DEPTH} 层 / JSON nested deeper than ${MAX_DEPTH} levels`);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    if (nestingTooDeep(text, MAX_DEPTH)) return tooDeep();
    const why = syntaxReason(err);
    return fail('json.syntax', `${file}: 不是有效的 JSON（${why}） / not valid JSON (${why})`);
  }
  let summary: GeoJsonSummary | undefined;
  if (typeof root === 'object' && root !== null) {
    const r = root as Record<string, unknown>;
    if (!Array.isArray(root) && r.type === 'FeatureCollection' && Array.isArray(r.features)) {
      summary = new GeoJsonSummary();
      if (collectionTooDeep(r, r.features, MAX_DEPTH, summary)) return tooDeep();
    } else if (treeTooDeep(root, 0, MAX_DEPTH)) return tooDeep();
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    return fail('geojson.root', `${file}: 顶层不是 GeoJSON 对象 / top level is not a GeoJSON object`);
  const obj = root as { type?: unknown; features?: unknown; crs?: unknown };
  const crs = parseCrsEpsg(obj.crs);
  let features: unknown[];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features))
      return fail('geojson.features', `${file}: FeatureCollection 缺少 features 数组 / FeatureCollection has no "features" array`);
    features = obj.features;
  } else if (obj.type === 'Feature') {
    features = [obj];
  } else if (obj.type === 'Polygon' || obj.type === 'MultiPolygon' || typeof obj.type === 'string') {
    features = [{ type: 'Feature', properties: {}, geometry: obj }];
  } else {
    return fail('geojson.type', `${file}: 缺少 GeoJSON "type" / missing GeoJSON "type"`);
  }
  return { features, findings, crsEpsg: crs.epsg, crsName: crs.name, ...(summary !== undefined && features === obj.features ? { summary } : {}) };
}

/**
 * parseGeoJson, first trying the fast path for bytes (flatGeojson.ts): a FeatureCollection of plain, valid
 * polygon features is read straight from the bytes into flat arrays, its features' geometries are FlatGeometry
 * views of them (flatGeometry.ts), and the answer is what parseGeoJson would give for the same bytes (the same
 * features, properties, crs and summary; no findings, as for any valid UTF-8 collection). Anything else — a bad
 * ring, a projected coordinate, a Point, invalid JSON, GBK — goes through parseGeoJson, which reports it.
 * `flat: false` skips the fast path (tests and benches compare the two); `shared: true` keeps its arrays in
 * SharedArrayBuffers (scanFlatCollection); `prescan`: a scan of these bytes fed while they downloaded, finished here
 * instead of a new scan (importTypes.ts Prescan).
 */
/** The same bytes in memory: one buffer, offset and length (not merely equal content). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.byteLength === b.byteLength;

export function parseGeoJsonBytes(input: string | Uint8Array, file: string, opts: { flat?: boolean; shared?: boolean; prescan?: Prescan } = {}): ParsedGeoJson {
  if (typeof input !== 'string' && isPack(input)) {
    // a layer pack (flatPack.ts): the same collection, read from its arrays; a damaged one is an error, never text
    const r = readPack(input, { shared: opts.shared });
    if ('error' in r)
      return { features: [], findings: [{ severity: 'error', code: 'pack.damaged', message: `${file}: 图层包（.fpk）已损坏或不完整：${r.error} / the layer pack (.fpk) is damaged or incomplete: ${r.error}`, file }] };
    return collectionFeatures(r);
  }
  if (typeof input === 'string' || opts.flat === false) return parseGeoJson(input, file);
  const pre = opts.prescan;
  const fc = pre && sameBytes(pre.bytes, input) ? pre.finish(input) : scanFlatCollection(input, { shared: opts.shared });
  if (fc === null) return parseGeoJson(input, file);
  return collectionFeatures(fc);
}

/** A flat collection's features (FlatGeometry views of its store), summary and crs, as parseGeoJson gives them. */
function collectionFeatures(fc: FlatCollection): ParsedGeoJson {
  const { store, ids } = fc;
  const summary = new GeoJsonSummary();
  const features: unknown[] = new Array(fc.count);
  const crs = parseCrsEpsg(fc.root.crs);
  const rows = fc.rows;
  if (rows !== undefined) {
    // a pack's: properties stay in its columns (packedFeatures.ts); the fields come from its columns, not from rows
    for (let i = 0; i < fc.count; i++) {
      features[i] = new PackedFeature(rows, i, ids[i], flatGeometry(store, i));
      summary.addBox(store.bbox, i);
    }
    for (const { name, mask } of rows.fields()) summary.addField(name, mask);
    return { features: markPooled(markPacked(features, rows)), findings: [], crsEpsg: crs.epsg, crsName: crs.name, summary };
  }
  const { properties } = fc;
  for (let i = 0; i < fc.count; i++) {
    const id = ids[i];
    const props = properties[i];
    features[i] = id === undefined ? { type: 'Feature', properties: props, geometry: flatGeometry(store, i) } : { type: 'Feature', id, properties: props, geometry: flatGeometry(store, i) };
    summary.addFlat(props, store.bbox, i);
  }
  // (the properties parser, or a pack's string tables, shared each field's repeated strings as they were read:
  // pooledFeatures.ts)
  return { features: markPooled(features), findings: [], crsEpsg: crs.epsg, crsName: crs.name, summary };
}
