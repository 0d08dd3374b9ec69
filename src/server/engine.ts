/**
 * Every call the server makes into the engine (src/core and the CLI's loading path), kept in one place so the
 * shared use cases (importLayer, summary assembly, net area …) can be switched in here as they land in core.
 * SQL never computes a figure the engine computes: areas, effective (overlap-free) areas, summary keys,
 * conflicts and coverage cells are computed here at load and stored; impact runs here on rows read back.
 */
import { redlineConflicts } from '../core/analysis/conflicts';
import { snapArea } from '../core/analysis/breakdown';
import { parcelNetFactor } from '../core/area/netArea';
import { computeImpact, type ImpactReport } from '../core/analysis/impact';
import type { AnalysisConfig } from '../core/analysis/config';
import { LAND_CLASS_INFO } from '../core/layers/codes';
import { locationCodeOf, REGION_PREFIX, regionCodeOf } from '../core/layers/fields';
import { buildIndex, geometryBBox } from '../core/index/spatialIndex';
import { buildLayer, type Layer } from '../core/layers/layer';
import { loadLayerFromFeatures } from '../core/engine/loadLayer';
import { layerOverlaps } from '../core/overlay/overlaps';
import type { AreaGeometry, Finding, LayerKind, Parcel, ParcelAttrs } from '../core/types';
import type { CliIO } from '../cli/io';
import { InputError, readFeatures, type ReadOptions } from '../cli/load';
import { mercX, mercY } from '../worker/tiles/tileIndex';
import { attrsOf } from '../core/layers/attrTable';

export { evaluateTargets } from '../core/analysis/targets';
export { achievedFromSummaries, type Summary, type LayerSummary } from '../core/analysis/summary';
export { parseTargets, type TargetTable } from '../core/analysis/targets';
export { summaryJson, jsonDocument } from '../core/report/json';
export { buildMetadata } from '../core/report/metadata';
export { areaUnits, m2ToMu } from '../core/area/units';
export { LAND_CLASSES, LAND_CLASS_INFO, SLOPE_CLASSES } from '../core/layers/codes';
export { kindDisplayName } from '../core/layers/displayName';
export { isLayerKind, LAYER_KIND_IDS } from '../core/layers/kinds';
export type { Layer };

/** A layer file read and loaded by the engine, as the CLI's `summary` reads it. */
export async function readLayer(kind: LayerKind, path: string, io: CliIO, options: ReadOptions, name?: string): Promise<{ layer: Layer; findings: Finding[] }> {
  const read = await readFeatures(path, io, options);
  if (read.findings.some((x) => x.severity === 'error')) {
    const first = read.findings.find((x) => x.severity === 'error');
    throw new InputError(`${read.file}: 无法读取 / cannot be read — ${first?.message ?? ''}`);
  }
  const loaded = loadLayerFromFeatures(kind, read.file, read.features, name ? { name } : {});
  return { layer: loaded.layer, findings: [...read.findings, ...loaded.findings] };
}

const LABEL_OTHER_LAND = '非耕地地类';
const LABEL_UNKNOWN = '未填写';
const validClass = (v: number | undefined, max: number): string | undefined => (v !== undefined && Number.isInteger(v) && v >= 1 && v <= max ? String(v) : undefined);

/** What a parcel contributes to a summary: its bucket keys and declared areas (as summarizeLayer reads them). */
export interface ParcelKeys {
  code: string | undefined;
  county: [string, string];
  township: [string, string];
  village: [string, string];
  land: [string, string];
  grade: string;
  slope: string;
  effM2: number;
  /** 地类面积 of the counted area: snapArea(effective × parcelNetFactor), as summarizeLayer computes it. */
  effNetM2: number;
  grossM2: number;
  tbmj: number | undefined;
  tbdlmj: number | undefined;
  tbdlmjDeclared: boolean;
  yjjbnttbmj: number | undefined;
}

export function parcelKeys(p: Parcel, effectiveM2: number): ParcelKeys {
  const at = attrsOf(p);
  const code = locationCodeOf(at);
  const level = (l: keyof typeof REGION_PREFIX): [string, string] => {
    const key = regionCodeOf(at, l);
    if (code === undefined || key === undefined) return ['unknown', LABEL_UNKNOWN];
    return [key, at.zldwmc !== undefined && /^0*$/.test(code.slice(REGION_PREFIX[l])) ? at.zldwmc : ''];
  };
  const land: [string, string] = at.landClass
    ? [at.landClass, LAND_CLASS_INFO[at.landClass].zh]
    : at.dlbm !== undefined
      ? ['other', LABEL_OTHER_LAND]
      : ['unknown', LABEL_UNKNOWN];
  const g = validClass(at.gddj, 10) ?? 'unknown';
  const s = validClass(at.gdpdjb, 5) ?? 'unknown';
  const tbdlmj =
    at.tbdlmj ?? (at.tbmj !== undefined && at.kcmj !== undefined ? at.tbmj - at.kcmj : at.tbmj !== undefined && at.kcxs !== undefined ? at.tbmj * (1 - at.kcxs) : undefined);
  return {
    code,
    county: level('county'),
    township: level('township'),
    village: level('village'),
    land,
    grade: g,
    slope: s,
    effM2: snapArea(effectiveM2),
    effNetM2: snapArea(effectiveM2 * parcelNetFactor(at)),
    grossM2: snapArea(p.areaM2),
    tbmj: at.tbmj,
    tbdlmj,
    tbdlmjDeclared: at.tbdlmj !== undefined,
    yjjbnttbmj: at.yjjbnttbmj,
  };
}

export { layerOverlaps, redlineConflicts };

/** The browser tile path's constants (src/worker/tiles/tileIndex.ts): 32 × 32 cells per tile, ≤ 6000 parcels. */
export const AGG_GRID_LOG2 = 5;
export const MAX_PARCELS_PER_TILE = 6000;
export const MAX_ZOOM = 14;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/**
 * Coverage cells of a layer for every zoom below its detail zoom, exactly as ParcelTileIndex aggregates them
 * (parcel by Mercator bbox centre; share from the parcel's area over the cell's Mercator area), plus the detail
 * zoom and busiest-tile counts the browser would choose.
 */
export function coverageCells(layer: Layer): { detailMinZoom: number; busiest: number[]; cells: { z: number; gx: number; gy: number; n: number; area: number }[] } {
  const n = layer.parcels.length;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const ar = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    const [minX, minY, maxX, maxY] = layer.parcels[f].bbox;
    cx[f] = (mercX(minX) + mercX(maxX)) / 2;
    cy[f] = (mercY(maxY) + mercY(minY)) / 2;
    const cosC = Math.cos(((minY + maxY) / 2) * (Math.PI / 180));
    ar[f] = layer.parcels[f].areaM2 / (EARTH_CIRCUMFERENCE_M * EARTH_CIRCUMFERENCE_M * cosC * cosC);
  }
  const busiest = new Array<number>(MAX_ZOOM + 1).fill(0);
  for (let z = MAX_ZOOM; z >= 0; z--) {
    const zs = 2 ** z;
    const counts = new Map<number, number>();
    for (let f = 0; f < n; f++) {
      const key = Math.min(zs - 1, Math.max(0, Math.floor(cx[f] * zs))) * zs + Math.min(zs - 1, Math.max(0, Math.floor(cy[f] * zs)));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const v of counts.values()) if (v > busiest[z]) busiest[z] = v;
  }
  let detailMinZoom = MAX_ZOOM;
  for (let z = MAX_ZOOM; z >= 0 && busiest[z] <= MAX_PARCELS_PER_TILE; z--) detailMinZoom = z;
  const cells: { z: number; gx: number; gy: number; n: number; area: number }[] = [];
  for (let z = 0; z < detailMinZoom; z++) {
    const side = 2 ** (z + AGG_GRID_LOG2);
    const map = new Map<number, { gx: number; gy: number; n: number; area: number }>();
    for (let f = 0; f < n; f++) {
      const gx = Math.floor(cx[f] * side);
      const gy = Math.floor(cy[f] * side);
      const k = gx * side + gy; // < 2^37: exact
      const c = map.get(k);
      if (c) {
        c.n++;
        c.area += ar[f];
      } else map.set(k, { gx, gy, n: 1, area: ar[f] });
    }
    for (const c of map.values()) cells.push({ z, ...c });
  }
  return { detailMinZoom, busiest, cells };
}

/** Parcels read back from the database → a layer the engine holds (same order, same coordinates). */
export function layerFromRows(kind: LayerKind, name: string, file: string, rows: readonly { fid: number; geometry: AreaGeometry; props: Record<string, unknown> }[]): Layer {
  const features = rows.map((r) => ({ type: 'Feature', geometry: r.geometry, properties: r.props }));
  return buildLayer(kind, file, features, { name });
}

/**
 * A layer from stored parcels without re-reading attributes or re-measuring: the normalised attributes and the
 * ellipsoidal area saved at load (bit-identical), the geometry as loaded, the bbox from its coordinates.
 */
export function layerFromStored(kind: LayerKind, name: string, file: string, rows: readonly { pos: number; pid: string; attrs: ParcelAttrs; areaM2: number; geometry: AreaGeometry }[]): Layer {
  // (no properties table: `index` here is the parcel's position at load, not its feature index — a table built for
  // this layer would have to be by position too)
  const parcels: Parcel[] = rows.map((r) => ({ index: r.pos, id: r.pid, geometry: r.geometry, attrsFrom: r.attrs, areaM2: r.areaM2, bbox: geometryBBox(r.geometry) }));
  let bbox: Layer['bbox'] = [0, 0, 0, 0];
  if (parcels.length) {
    bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of parcels) bbox = [Math.min(bbox[0], p.bbox[0]), Math.min(bbox[1], p.bbox[1]), Math.max(bbox[2], p.bbox[2]), Math.max(bbox[3], p.bbox[3])];
  }
  return { kind, name, file, parcels, index: buildIndex(parcels.map((p) => p.bbox)), bbox, grossAreaM2: parcels.reduce((s, p) => s + p.areaM2, 0) };
}

/** Impact of a site on layers read back from the database: the engine's computeImpact, unchanged. */
export function impactOn(site: readonly AreaGeometry[], layers: readonly Layer[], config?: AnalysisConfig, regionCode?: string): ImpactReport {
  return computeImpact(site, layers, config, regionCode ? { regionCode } : {});
}

export { encodeTile, MvtLayerWriter } from '../worker/tiles/mvt';
export { AGG_LAYER, PARCEL_LAYER } from '../worker/tiles/tileIndex';
export { summaryFromDbJson } from './summaryJson';
