/**
 * One GeoJSON file → a layer: parsed (readGeojson.ts: the flat scanner or JSON.parse), fields and extent summed up
 * (readGeojsonSummary.ts), damaged coordinates dropped per feature, the CRS resolved (resolveCrs.ts: RFC 7946
 * lon/lat needs no warning), reprojected when the legacy `crs` or an option names a projected system.
 */
import type { Feature } from 'geojson';
import type { BBox, Finding } from '../types';
import { crsFromEpsg } from './crs';
import { densifyGeometry, longEdges } from './densify';
import { FIELD_LABELS_ZH } from './fieldLabels';
import { guessKind } from './guessKind';
import { type ImportLayer, type ImportOptions, importErr as err, importWarn as warn } from './importTypes';
import { noteLongEdges, tallyLongEdges } from './longEdgeTally';
import { parseGeoJsonBytes } from './readGeojson';
import { expand, GeoJsonSummary, geometryExtent } from './readGeojsonSummary';
import { convertGeometry, lonLatConverter } from './reproject';
import { type CrsFromFile, crsInfo, crsMismatch, resolveCrs, SUPPORTED } from './resolveCrs';
import { WILD } from './shapefile';

/** Every position of a GeoJSON geometry (any type, GeometryCollection included). */
function visitPositions(g: unknown, fn: (x: number, y: number) => void, depth = 0): void {
  if (!g || typeof g !== 'object' || depth > 64) return;
  const o = g as { coordinates?: unknown; geometries?: unknown[] };
  if (Array.isArray(o.geometries)) for (const c of o.geometries) visitPositions(c, fn, depth + 1);
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') fn(c[0], c[1] as number);
    else for (const x of c) walk(x);
  };
  walk(o.coordinates);
}

/** The first position with a non-finite or wild coordinate, as text; undefined when all are usable. */
function wildCoordinate(g: unknown): string | undefined {
  let bad: string | undefined;
  visitPositions(g, (x, y) => {
    if (bad === undefined && !(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= WILD && Math.abs(y) <= WILD)) bad = `(${x}, ${y})`;
  });
  return bad;
}

/**
 * A copy of a feature with another geometry: its own members (`{ ...f }`), and `properties` read by name — a pack's
 * feature has it as a getter, which a spread does not copy (packedFeatures.ts).
 */
function withGeometry(f: Feature, geometry: Feature['geometry']): Feature {
  const copy: Feature = { ...f, geometry };
  // (`in`: a pack's feature has `properties` on its prototype; a feature without the member stays without it)
  if ('properties' in (f as object)) copy.properties = f.properties;
  return copy;
}

/** JS engines cap a string near 512 MB (V8: 2^29 − 24 chars): bigger GeoJSON cannot be parsed in one piece. */
export const MAX_GEOJSON_BYTES = 500 * 1024 * 1024;

export function readGeoJsonLayer(name: string, file: string, bytes: Uint8Array, opts: ImportOptions, progress: (f: number) => void): ImportLayer {
  if (bytes.length > MAX_GEOJSON_BYTES)
    return {
      name, path: file, format: 'geojson', featureCount: 0, features: [], fields: [],
      findings: [err(file, 'import.too-big', `GeoJSON 超过 500 MB，无法作为一个 JSON 文本解析；请转为 Shapefile（zip）或分块 / GeoJSON over 500 MB cannot be parsed as one JSON text: use a zipped Shapefile or split it`)],
    };
  const parsed = parseGeoJsonBytes(bytes, file, { flat: opts.flatGeojson, shared: opts.sharedGeometry, prescan: opts.prescan });
  const findings: Finding[] = [...parsed.findings];
  const layer: ImportLayer = { name, path: file, format: 'geojson', featureCount: parsed.features.length, features: [], fields: [], findings };
  progress(0.5);
  if (findings.some((f) => f.severity === 'error')) return layer;
  const feats = parsed.features as Feature[];
  // Fields: union of property names in order of appearance, with the JSON types seen; the extent. A
  // FeatureCollection's were gathered while its depth was checked (readGeojsonSummary.ts).
  let summary = parsed.summary;
  if (summary === undefined) {
    summary = new GeoJsonSummary();
    for (let i = 0; i < feats.length; i++) summary.add(feats[i]);
  }
  layer.fields = summary.fields().map(({ name: k, type }) => ({
    name: k,
    type,
    ...(FIELD_LABELS_ZH[k.toUpperCase()] ? { labelZh: FIELD_LABELS_ZH[k.toUpperCase()] } : {}),
  }));
  layer.guessedKind = guessKind(layer.fields.map((f) => f.name));
  layer.nativeBBox = summary.bbox();
  // One damaged coordinate (1e400 → Infinity, NaN, 1e300) must not make a lon/lat file look projected: such
  // features get an error each and no geometry, and the extent is taken over the others.
  const nb0 = layer.nativeBBox;
  if (feats.length > 0 && !nb0?.every((v) => Number.isFinite(v) && Math.abs(v) <= WILD)) {
    const ext = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < feats.length; i++) {
      const g = feats[i]?.geometry;
      if (!g || typeof g !== 'object') continue;
      const wild = wildCoordinate(g);
      if (wild) {
        findings.push({ ...err(file, 'import.bad-coordinate', `第 ${i + 1} 个要素的坐标 ${wild} 不是有效数值，不读取其图形 / feature ${i + 1}: coordinate ${wild} is not a usable number; the feature gets no geometry`), featureIndex: i });
        feats[i] = withGeometry(feats[i], null as unknown as Feature['geometry']);
      } else visitPositions(g, (x, y) => expand(ext, x, y));
    }
    layer.nativeBBox = Number.isFinite(ext[0]) ? (ext as BBox) : undefined;
  }
  let fromFile: CrsFromFile;
  if (parsed.crsEpsg !== undefined) {
    const def = crsFromEpsg(parsed.crsEpsg);
    fromFile = def
      ? { def, source: 'geojson-crs', label: parsed.crsName ?? `EPSG:${parsed.crsEpsg}` }
      : { error: `GeoJSON 的 crs 是 EPSG:${parsed.crsEpsg}，不支持 / the GeoJSON "crs" names EPSG:${parsed.crsEpsg}, which is not supported. ${SUPPORTED}` };
  } else if (parsed.crsName !== undefined) {
    fromFile = { error: `GeoJSON 的 crs "${parsed.crsName}" 无法识别 / the GeoJSON "crs" "${parsed.crsName}" is not an EPSG code we know. ${SUPPORTED}` };
  }
  const recordErrors = findings.filter((f) => f.featureIndex !== undefined && f.severity === 'error');
  const fatal = (): boolean => findings.some((f) => f.severity === 'error' && !recordErrors.includes(f));
  const def = resolveCrs(file, findings, opts, fromFile, layer.nativeBBox, 'crs', true);
  if (!def || fatal()) return layer;
  const mismatch = crsMismatch(file, def, layer.nativeBBox, opts);
  if (mismatch) {
    findings.push(mismatch);
    return layer;
  }
  const isRfc = fromFile === undefined && opts.epsg === undefined;
  layer.crs = crsInfo(def, opts.epsg !== undefined ? 'option' : fromFile ? 'geojson-crs' : 'rfc7946');
  if (layer.crs.datumWarning) findings.push(warn(file, 'import.datum', layer.crs.datumWarning));
  if (isRfc || (def.kind === 'geographic' && !def.towgs84)) {
    layer.features = feats;
  } else {
    const toLonLat = lonLatConverter(def);
    const longEdgeTally = { features: 0, edges: 0, longest: 0 };
    const out: Feature[] = [];
    for (let i = 0; i < feats.length; i++) {
      const f = feats[i];
      const g = f && typeof f === 'object' ? f.geometry : null;
      if (!g || typeof g !== 'object') {
        out.push(f);
        continue;
      }
      const projected = def.kind !== 'geographic';
      if (projected) tallyLongEdges(longEdgeTally, longEdges(g as { type: string; coordinates?: unknown }));
      const conv = convertGeometry(projected && opts.densifyM ? densifyGeometry(g, opts.densifyM) : g, toLonLat);
      if (!conv) {
        findings.push(err(file, 'import.reproject', `第 ${i + 1} 个要素的坐标无法按 ${def.name} 换算为经纬度 / feature ${i + 1}: coordinates cannot be converted from ${def.name} to lon/lat`));
        return layer;
      }
      out.push(withGeometry(f, conv as Feature['geometry']));
    }
    layer.features = out;
    noteLongEdges(findings, file, longEdgeTally, opts.densifyM);
  }
  // unconverted features have the native extent (computed above over the same features)
  const nb = layer.nativeBBox;
  layer.bbox = layer.features === feats ? (nb ? [nb[0], nb[1], nb[2], nb[3]] : undefined) : geometryExtent(layer.features);
  progress(1);
  return layer;
}