/**
 * One Shapefile layer (.shp + .shx + .dbf + .prj + .cpg grouped by name) → lon/lat features: the records read
 * (shapefile.ts), attributes (shapefileAttributes.ts), the CRS resolved (resolveCrs.ts), rings assembled into
 * polygons (rings.ts), reprojected (reproject.ts, optionally densified: densify.ts). Errors are findings.
 */
import type { Feature } from 'geojson';
import type { BBox, Finding } from '../types';
import { densifyGeometry, longEdges } from './densify';
import { escapeControl } from './escapeControl';
import { type ImportLayer, type ImportOptions, importErr as err, importWarn as warn } from './importTypes';
import { noteLongEdges, tallyLongEdges } from './longEdgeTally';
import { readPrj } from './prj';
import { expand, geometryExtent } from './readGeojsonSummary';
import { convertGeometry, lonLatConverter } from './reproject';
import { advise, type CrsFromFile, crsInfo, crsMismatch, resolveCrs, SUPPORTED } from './resolveCrs';
import { assemblePolygon } from './rings';
import { readShapefileAttributes } from './shapefileAttributes';
import { readShp } from './shapefile';
import type { NamedBytes } from './zip';

/** Read one Shapefile group; `progress` gets 0..1. */
export function readShapefileLayer(name: string, file: string, g: Map<string, NamedBytes>, opts: ImportOptions, progress: (f: number) => void): ImportLayer {
  const findings: Finding[] = [];
  const layer: ImportLayer = { name, path: file, format: 'shapefile', featureCount: 0, features: [], fields: [], findings };
  const shpBytes = (g.get('shp') as NamedBytes).bytes;
  const shx = g.get('shx');
  const shp = readShp(shpBytes, (f) => progress(f * 0.5), shx?.bytes);
  layer.featureCount = shp.records.length;
  if (shp.error) findings.push(err(file, shp.error.includes('截断') ? 'import.shp-truncated' : 'import.shp', shp.error));
  for (const w of shp.warnings) findings.push(warn(file, shx ? 'import.shp' : 'import.shx-rebuilt', w));
  /** Per-record errors: the record keeps its attributes, gets no geometry, and the rest of the file loads. */
  const recordErrors: Finding[] = shp.recordErrors.map((e) => ({ ...err(file, e.truncated ? 'import.shp-truncated' : 'import.shp-record', e.message), featureIndex: e.index }));
  const props = readShapefileAttributes(file, g, shp, opts, layer, findings);
  progress(0.6);
  // Native bbox from the records (the header's may be stale).
  const nb = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of shp.records) if (r) for (const ring of r) for (const p of ring) expand(nb, p[0], p[1]);
  if (Number.isFinite(nb[0])) layer.nativeBBox = nb as BBox;
  // CRS.
  const prj = g.get('prj');
  let fromFile: CrsFromFile;
  if (prj) {
    const text = new TextDecoder('utf-8').decode(prj.bytes);
    const r = readPrj(text);
    fromFile = r.ok
      ? { def: r.crs, source: 'prj', label: r.prjName }
      : {
          error:
            `.prj 的坐标系 "${escapeControl(r.prjName)}" 不支持：${escapeControl(r.reason)}。${SUPPORTED}。如知道等价的 EPSG 代码，可指定它${advise(opts)} / ` +
            `unsupported coordinate system "${escapeControl(r.prjName)}" in .prj (${escapeControl(r.reason)}); give an equivalent EPSG code if you know one${advise(opts)}`,
        };
  }
  const def = resolveCrs(file, findings, opts, fromFile, layer.nativeBBox, '.prj');
  if (def) {
    layer.crs = crsInfo(def, opts.epsg !== undefined ? 'option' : prj ? 'prj' : 'assumed');
    if (layer.crs.datumWarning) findings.push(warn(file, 'import.datum', layer.crs.datumWarning));
  }
  if (!def || findings.some((f) => f.severity === 'error')) {
    findings.push(...recordErrors);
    return layer;
  }
  const mismatch = crsMismatch(file, def, layer.nativeBBox, opts);
  if (mismatch) {
    findings.push(mismatch, ...recordErrors);
    return layer;
  }
  findings.push(...recordErrors);
  // Geometry → lon/lat features.
  const toLonLat = lonLatConverter(def);
  const longEdgeTally = { features: 0, edges: 0, longest: 0 };
  const projected = def.kind !== 'geographic';
  const ringNotes = new Map<string, number[]>();
  const features: Feature[] = [];
  const damaged = new Set(shp.recordErrors.map((e) => e.index));
  let nullShapes = 0;
  const step = Math.max(1, Math.floor(shp.records.length / 40));
  for (let i = 0; i < shp.records.length; i++) {
    const rec = shp.records[i];
    shp.records[i] = null; // let the native coordinates go as soon as they are converted
    const properties = props[i] ?? {};
    if (rec === null) {
      if (!damaged.has(i)) nullShapes++;
      features.push({ type: 'Feature', properties, geometry: null as unknown as Feature['geometry'] });
      continue;
    }
    const asm = assemblePolygon(rec);
    for (const note of asm.notes) ringNotes.set(note, [...(ringNotes.get(note) ?? []), i]);
    if (asm.error) {
      const [zh, en] = asm.error.split(' / ');
      findings.push({ ...err(file, 'import.rings', `第 ${i + 1} 条记录：${zh} / record ${i + 1}: ${en ?? zh}`), featureIndex: i });
    }
    if (!asm.geometry) {
      features.push({ type: 'Feature', properties, geometry: null as unknown as Feature['geometry'] });
      continue;
    }
    if (projected) tallyLongEdges(longEdgeTally, longEdges(asm.geometry));
    const geom = convertGeometry(projected && opts.densifyM ? densifyGeometry(asm.geometry, opts.densifyM) : asm.geometry, toLonLat);
    if (!geom) {
      findings.push({
        ...err(file, 'import.reproject', `第 ${i + 1} 条记录的坐标无法按 ${layer.crs?.name} 换算为经纬度（坐标系不对？） / record ${i + 1}: coordinates cannot be converted from ${layer.crs?.name} to lon/lat (wrong coordinate system?)`),
        featureIndex: i,
      });
      features.push({ type: 'Feature', properties, geometry: null as unknown as Feature['geometry'] });
      continue;
    }
    features.push({ type: 'Feature', properties, geometry: geom });
    if (i % step === 0) progress(0.6 + (0.4 * i) / shp.records.length);
  }
  for (const [note, idx] of ringNotes)
    findings.push(warn(file, 'import.rings', `${note}: 记录 / records ${idx.slice(0, 10).map((i) => i + 1).join(', ')}${idx.length > 10 ? ' …' : ''}`));
  if (nullShapes) findings.push(warn(file, 'import.null-shape', `${nullShapes} 条记录没有图形（Null shape） / ${nullShapes} records have no geometry (Null shape)`));
  noteLongEdges(findings, file, longEdgeTally, projected ? opts.densifyM : undefined);
  layer.features = features;
  layer.bbox = geometryExtent(features);
  progress(1);
  return layer;
}
