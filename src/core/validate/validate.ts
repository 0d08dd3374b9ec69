/**
 * Validation entry point: structure, geometry and attributes of a layer's features → findings.
 *
 * Per feature, in order: structure (geojson-validation, guarded: structure.ts) → geometry (geometry.ts; blocking)
 * → self-intersection (selfIntersection.ts; blocking) → attributes (attributes.ts; errors, not blocking) →
 * declared area (declaredArea.ts; warnings). Then per file: duplicate ids (errors), coordinates that look
 * projected (one error, projected.ts), cultivated features without DLBM (one warning) and overlaps between
 * parcels (warnings, overlaps.ts). Findings are capped per code with a summary (messages.ts).
 *
 * `blocked` holds the features whose geometry cannot carry area: not loaded as parcels. Never throws.
 */
import type Flatbush from 'flatbush';
import { polygonAreaFlat } from '../area/ellipsoid';
import { buildIndex } from '../index/spatialIndex';
import { type AttrTable, AttrTableBuilder } from '../layers/attrTable';
import { readAttrsAndFields, resolveFields } from '../layers/fields';
import { parcelId } from '../layers/layer';
import type { BBox, Finding, LayerKind, PolygonCoords } from '../types';
import { checkAttributes, MissingDlbm, type ResolvedFields } from './attributes';
import { checkDeclaredArea, DEFAULT_AREA_TOLERANCE } from './declaredArea';
import { checkGeometry } from './geometry';
import { FlatRings } from './flatRings';
import { FirstIndexById } from './idTable';
import { FindingSink, type FeatureLoc, showText, showValue } from './messages';
import { findOverlapsOf, type OverlapItem } from './overlaps';
import { ProjectedStats } from './projected';
import { findSelfIntersectionFlat } from './selfIntersection';
import { packedRowsOf } from '../io/packedFeatures';
import { featureStructureProblems, GjvBudget, geometryStructureProblems } from './structure';

export interface ValidateOptions {
  file: string;
  kind?: LayerKind;
  /** Relative tolerance for declared area (TBMJ / YJJBNTTBMJ) against computed area; default 0.01 (1 %). */
  areaTolerance?: number;
}

export interface ValidationResult {
  findings: Finding[];
  /** Feature indices with blocking geometry errors: not loaded as parcels. */
  blocked: Set<number>;
}

/**
 * Per feature of the validated array: the accepted features' ellipsoidal area and bbox — computed by the checks
 * (declared area, overlaps) and bit-identical to what buildLayer would compute — and the spatial index over the
 * accepted features in feature order, which is the layer's index. buildLayer takes them only for this same array.
 */
export interface ValidatedParcels {
  features: readonly unknown[];
  /** Ellipsoidal area (m²) by feature index; NaN where the feature was not accepted. */
  areaM2: Float64Array;
  /** bbox by feature index; undefined where the feature was not accepted. */
  bbox: (BBox | undefined)[];
  /** readAttrs(properties) without a mapping, by feature index, in columns; no attributes where not accepted. */
  attrs: AttrTable;
  /** Feature indices of the accepted features, in the index's item order. */
  indexed: Int32Array;
  /** The accepted features' ids (layer.ts parcelId), in the same order. */
  ids: readonly string[];
  index: Flatbush;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface FileState {
  sink: FindingSink;
  blocked: Set<number>;
  kind: LayerKind | undefined;
  tolerance: number;
  projected: ProjectedStats;
  missingDlbm: MissingDlbm;
  /** Explicit id → first feature index carrying it; null when the ids are known to differ (a pack's, distinctIds). */
  ids: FirstIndexById | null;
  /** The accepted features, in order: feature index, id and bbox (what the overlap check needs of each). */
  accepted: number[];
  acceptedIds: string[];
  acceptedBBoxes: BBox[];
  gjv: GjvBudget;
  areaM2: Float64Array;
  /** readAttrs of the accepted features' properties (no mapping), put in columns as each is accepted. */
  attrs: AttrTableBuilder;
  /** The current feature's rings (flatRings.ts). */
  flat: FlatRings;
}

function validateFeature(f: unknown, i: number, s: FileState): void {
  const { sink } = s;
  if (!isRecord(f)) {
    sink.add('error', 'structure.feature', `不是 GeoJSON Feature 对象（${showValue(f)}）`, `is not a GeoJSON Feature object (${showValue(f)})`, { index: i });
    s.blocked.add(i);
    return;
  }
  // read once: a pack's feature builds its properties object on each read (io/packedFeatures.ts)
  const given = f.properties;
  const props = isRecord(given) ? given : undefined;
  // which property supplies each attribute, and the parcel attributes as buildLayer reads them (no mapping): the
  // checks below use its values
  const read = props ? readAttrsAndFields(props) : undefined;
  const fields: ResolvedFields = read ? read.fields : {};
  const attrs = read?.attrs;
  const attrId = attrs?.id; // = attrString(props[fields.id]): the same field, the same conversion
  const id = parcelId(attrId, f.id, i);
  const loc: FeatureLoc = { index: i, id };

  const structure = featureStructureProblems(f);
  if (structure.length > 0)
    sink.add('error', 'structure.geojson', `不符合 GeoJSON 要素结构（${structure.join('; ')}）`, `is not a valid GeoJSON Feature (${structure.join('; ')})`, loc);
  if (given !== undefined && given !== null && !props)
    sink.add(
      'error',
      'structure.properties',
      `properties 应为对象或 null（实际为 ${showValue(given)}），属性无法读取`,
      `properties should be an object or null (found ${showValue(given)}); attributes cannot be read`,
      loc,
    );

  if (s.ids !== null && (attrId !== undefined || typeof f.id === 'string' || typeof f.id === 'number')) {
    const prev = s.ids.firstOrAdd(id, i);
    if (prev !== undefined)
      sink.add(
        'error',
        'id.duplicate',
        `id ${showText(id)} 与要素 ${prev} 重复（同一文件内 id 应唯一）`,
        `id ${showText(id)} duplicates feature ${prev} (ids must be unique within a file)`,
        { ...loc, field: attrId !== undefined ? fields.id : undefined },
      );
  }

  const flat = s.flat;
  flat.reset();
  const geom = checkGeometry(f.geometry, loc, sink, s.projected, flat);
  let areaM2 = 0;
  if (!geom) s.blocked.add(i);
  else {
    const multi = geom.ringsPerPart.length > 1 || (f.geometry as { type?: unknown }).type === 'MultiPolygon';
    // the geometry's rings are in `flat` now (or, for a flat geometry, in its store): part p is rings [ring0, ring1)
    const { xs, ys, ringStart } = geom.rings ?? flat;
    let ring1 = geom.firstRing;
    for (let p = 0; p < geom.ringsPerPart.length; p++) {
      const ring0 = ring1;
      ring1 = ring0 + geom.ringsPerPart[p];
      const hit = findSelfIntersectionFlat(xs, ys, ringStart, ring0, ring1);
      if (hit && 'unchecked' in hit) {
        const part = multi ? { zh: `第 ${p} 部分`, en: `part ${p}` } : { zh: '', en: '' };
        sink.add(
          'warning',
          'geometry.self-intersection-unchecked',
          `${part.zh}有 ${hit.edges} 条边，形状过于复杂（${hit.tests} 次比较后停止），未能完成自相交检查`,
          `${part.en ? `${part.en} ` : ''}has ${hit.edges} edges in too complex a shape: the self-intersection check stopped after ${hit.tests} comparisons`,
          loc,
        );
      } else if (hit) {
        const part = multi ? { zh: `第 ${p} 部分 `, en: `part ${p} ` } : { zh: '', en: '' };
        const x = Number(hit.point[0].toFixed(7));
        const y = Number(hit.point[1].toFixed(7));
        sink.add(
          'error',
          'geometry.self-intersection',
          `${part.zh}环 ${hit.ringA} 位置 ${hit.positionA} 起的边与环 ${hit.ringB} 位置 ${hit.positionB} 起的边自相交（约在 ${x}, ${y}），面积不可靠`,
          `${part.en}edge from ring ${hit.ringA} position ${hit.positionA} meets edge from ring ${hit.ringB} position ${hit.positionB} (near ${x}, ${y}): self-intersection, area unreliable`,
          loc,
        );
        s.blocked.add(i);
        break;
      }
      areaM2 += polygonAreaFlat(xs, ys, ringStart, ring0, ring1);
    }
    if (!s.blocked.has(i)) {
      const gp = geometryStructureProblems(f.geometry as object, geom.positions, geom.extraOrdinates, s.gjv);
      if (gp.length > 0)
        sink.add('error', 'structure.geometry', `几何不符合 GeoJSON（${gp.join('; ')}）`, `geometry is not valid GeoJSON (${gp.join('; ')})`, loc);
    }
  }

  if (props) {
    checkAttributes(props, fields, s.kind, loc, sink, s.missingDlbm, attrs);
    if (geom && !s.blocked.has(i)) checkDeclaredArea(props, fields, s.kind, areaM2, loc, sink, s.tolerance, attrs);
  }
  if (geom && !s.blocked.has(i)) {
    s.accepted.push(i);
    s.acceptedIds.push(id);
    s.acceptedBBoxes.push(geom.bbox);
    s.areaM2[i] = areaM2;
    // (last: a feature that throws before here has put nothing)
    if (attrs !== undefined) s.attrs.put(i, attrs);
  }
}

/**
 * A pack's features whose ids are each a different string of one column (io/packRows.ts distinctIds: its digit
 * strings only increase): the duplicate-id check has nothing to find, and its table (~0.2 s and 16 MB at 500k) is not
 * made.
 */
function knownDistinct(features: unknown): boolean {
  const rows = Array.isArray(features) ? packedRowsOf(features) : undefined;
  return rows !== undefined && rows.distinctIds((names) => resolveFields(Object.fromEntries(names.map((k) => [k, null]))).id);
}

function validatedParcels(features: readonly unknown[], s: FileState): ValidatedParcels {
  const bbox: (BBox | undefined)[] = new Array(s.areaM2.length);
  const indexed = Int32Array.from(s.accepted);
  for (let k = 0; k < indexed.length; k++) bbox[indexed[k]] = s.acceptedBBoxes[k];
  return { features, areaM2: s.areaM2, bbox, attrs: s.attrs.finish(), indexed, ids: s.acceptedIds, index: buildIndex(s.acceptedBBoxes) };
}

export function validateFeatures(features: readonly unknown[], opts: ValidateOptions): ValidationResult {
  const { findings, blocked } = validateParcels(features, opts);
  return { findings, blocked };
}

/**
 * validateFeatures, also returning what the checks computed for the accepted features (areas, bboxes, index) so
 * that buildLayer reuses it instead of computing it again (loadLayer.ts).
 */
export function validateParcels(features: readonly unknown[], opts: ValidateOptions): ValidationResult & { parcels: ValidatedParcels } {
  const tol = opts.areaTolerance;
  const s: FileState = {
    sink: new FindingSink(typeof opts.file === 'string' ? opts.file : String(opts.file)),
    blocked: new Set(),
    kind: opts.kind,
    tolerance: typeof tol === 'number' && Number.isFinite(tol) && tol >= 0 ? tol : DEFAULT_AREA_TOLERANCE,
    projected: new ProjectedStats(),
    missingDlbm: new MissingDlbm(),
    ids: knownDistinct(features) ? null : new FirstIndexById(Array.isArray(features) ? features.length : 0),
    accepted: [],
    acceptedIds: [],
    acceptedBBoxes: [],
    gjv: new GjvBudget(),
    areaM2: new Float64Array(Array.isArray(features) ? features.length : 0).fill(Number.NaN),
    flat: new FlatRings(),
    attrs: new AttrTableBuilder(Array.isArray(features) ? features.length : 0),
  };
  if (!Array.isArray(features)) {
    s.sink.add('error', 'structure.features', '要素列表不是数组', 'the feature list is not an array');
    return { findings: s.sink.finish(), blocked: s.blocked, parcels: validatedParcels([], s) };
  }
  for (let i = 0; i < features.length; i++) {
    const markAccepted = s.accepted.length;
    try {
      validateFeature(features[i], i, s);
    } catch (err) {
      // nothing of this feature stays among the accepted ones
      s.accepted.length = markAccepted;
      s.acceptedIds.length = markAccepted;
      s.acceptedBBoxes.length = markAccepted;
      s.areaM2[i] = Number.NaN;
      // Safety net for inputs no JSON parser produces (getters that throw, proxies …): one finding, never a throw.
      const why = showText(err instanceof Error ? err.message : String(err), 120);
      s.sink.add('error', 'validate.internal', `无法检查此要素（${why}）`, `this feature could not be checked (${why})`, { index: i });
      s.blocked.add(i);
    }
  }
  s.projected.report(s.sink);
  s.missingDlbm.report(s.sink);
  const parcels = validatedParcels(features, s);
  try {
    // overlap items are made only for the few features whose boxes overlap another's (findOverlapsOf)
    const item = (k: number): OverlapItem => {
      const g = (features[s.accepted[k]] as { geometry: { type: string; coordinates: unknown } }).geometry;
      const parts = (g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates]) as PolygonCoords[];
      return { index: s.accepted[k], id: s.acceptedIds[k], parts, bbox: s.acceptedBBoxes[k] };
    };
    findOverlapsOf(s.acceptedBBoxes, item, s.sink, undefined, parcels.index);
  } catch (err) {
    const why = showText(err instanceof Error ? err.message : String(err), 120);
    s.sink.add('warning', 'overlap.check-failed', `重叠检查失败（${why}）`, `overlap check failed (${why})`);
  }
  return { findings: s.sink.finish(), blocked: s.blocked, parcels };
}
