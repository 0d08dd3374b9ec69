/**
 * Region filters that are true (issue 15 §5). A selected township or village restricts every layer:
 *   - `code`: the layer carries region codes (ZLDWDM / XZQDM) — its parcels whose code starts with the region's;
 *   - `boundary`: it carries none (red lines, urban boundaries, imported layers) but the region's boundary polygon
 *     is known (basemap townships or a boundary layer) — every parcel is clipped to the boundary, exactly, with the
 *     same overlay as an occupation (overlay/siteOverlay.ts: wholly-inside parcels kept, edge pieces clipped), and
 *     each piece's area is the ellipsoidal area of the clipped geometry;
 *   - `none`: neither — the layer is kept whole and the rule says so (never a silent county-size figure).
 * A clipped parcel keeps its attributes, so its 地类面积 keeps the parcel's net/gross ratio.
 */
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildIndex } from '../index/spatialIndex';
import type { Layer } from '../layers/layer';
import { tryIntersect } from '../overlay/clip';
import { overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { AreaGeometry, BBox, Parcel } from '../types';
import { hasRegionCodes, layerInRegion, type Summary, summarize } from './summary';
import type { TargetTable } from './targets';

export type RegionRule = 'code' | 'boundary' | 'none';

export const REGION_RULE_LABEL: Record<RegionRule, { zh: string; en: string }> = {
  code: { zh: '按区划代码', en: 'by region code' },
  boundary: { zh: '按区划边界裁切', en: 'clipped to the region boundary' },
  none: { zh: '无法筛选（无代码、无边界）', en: 'not filterable (no codes, no boundary)' },
};

export interface RegionClip {
  layer: Layer;
  rule: RegionRule;
  /** Parcels whose clipping failed on degenerate geometry (their overlay area is kept, geometry whole). */
  failures: { parcelId: string; message: string }[];
}

function bboxOf(coords: number[][][][]): BBox {
  let b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of coords) for (const p of poly[0] ?? []) b = [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])];
  return b;
}

/** The layer clipped to a boundary polygon (see the file comment); parcels outside are dropped. */
export function clipLayerToBoundary(layer: Layer, boundary: AreaGeometry): RegionClip {
  const region = prepareRegion([boundary]);
  const ov = overlayRegion(region, layer);
  const failures = [...ov.failures];
  const parcels: Parcel[] = [];
  for (let k = 0; k < ov.count; k++) {
    const p = layer.parcels[ov.index[k]];
    if (ov.whole[k] === 1 && ov.areaM2[k] === p.areaM2) {
      parcels.push(p);
      continue;
    }
    const c = tryIntersect(p.geometry, region.coords);
    if (!c.ok || c.coords.length === 0) {
      if (!c.ok) failures.push({ parcelId: p.id, message: c.message });
      // keep the overlay's exact area for the piece; the geometry stays whole
      parcels.push({ ...p, areaM2: ov.areaM2[k] });
      continue;
    }
    const geometry: AreaGeometry = { type: 'MultiPolygon', coordinates: c.coords };
    parcels.push({ ...p, geometry, areaM2: multiPolygonAreaEllipsoidal(c.coords), bbox: bboxOf(c.coords as number[][][][]) });
  }
  let bbox: BBox = [0, 0, 0, 0];
  if (parcels.length) {
    bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of parcels) bbox = [Math.min(bbox[0], p.bbox[0]), Math.min(bbox[1], p.bbox[1]), Math.max(bbox[2], p.bbox[2]), Math.max(bbox[3], p.bbox[3])];
  }
  return {
    layer: { ...layer, parcels, index: buildIndex(parcels.map((p) => p.bbox)), bbox, grossAreaM2: parcels.reduce((s, p) => s + p.areaM2, 0) },
    rule: 'boundary',
    failures,
  };
}

/** The layer restricted to a region by the best rule available (code, else boundary, else none). */
export function layerForRegion(layer: Layer, region: string | undefined, boundary?: AreaGeometry): RegionClip {
  if (region === undefined || region === '') return { layer, rule: 'none', failures: [] };
  if (hasRegionCodes(layer)) return { layer: layerInRegion(layer, region), rule: 'code', failures: [] };
  if (boundary) return clipLayerToBoundary(layer, boundary);
  return { layer, rule: 'none', failures: [] };
}

/**
 * summarize() with true region filters: layers without region codes are clipped to `boundary` (the selected unit's
 * polygon) first; each layer summary says which rule applied (regionRule) and clipping failures join its failures.
 */
export function summarizeRegion(
  layers: readonly Layer[],
  opts: { region?: string; boundary?: AreaGeometry; targets?: TargetTable; conflicts?: boolean; basis?: 'net' | 'polygon' },
): Summary {
  const clips = layers.map((l) => (opts.region && opts.boundary && !hasRegionCodes(l) ? clipLayerToBoundary(l, opts.boundary) : undefined));
  const s = summarize(
    layers.map((l, i) => clips[i]?.layer ?? l),
    { region: opts.region, targets: opts.targets, conflicts: opts.conflicts, basis: opts.basis },
  );
  s.layers.forEach((ls, i) => {
    const c = clips[i];
    if (!c) return;
    ls.regionRule = 'boundary';
    ls.regionApplied = true;
    ls.failures.push(...c.failures);
  });
  return s;
}
