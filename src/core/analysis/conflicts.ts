/**
 * 三区三线 conflicts (docs/domain.md §5: 耕地和永久基本农田, 生态保护红线 and 城镇开发边界 must not cross or overlap):
 * pairwise intersections with area and the parcels involved, for the four pairs
 *   永久基本农田 ∩ 生态保护红线, 永久基本农田 ∩ 城镇开发边界, 耕地 ∩ 生态保护红线, 生态保护红线 ∩ 城镇开发边界.
 * The b side (a red line / boundary: few, large polygons) is walked polygon by polygon; each is prepared once
 * (edge strips) and the a side's candidates come from a's flatbush index. Overlaps inside either layer count
 * once (each parcel's effective part), so `areaM2` is the area of (∪a) ∩ (∪b). A pair's bbox is the overlap of
 * the two parcels' bboxes (a zoom-to frame that contains the conflict).
 */
import { parcelNetFactor } from '../area/netArea';
import { m2ToMu } from '../area/units';
import { isAreaKind } from '../layers/kinds';
import type { Layer } from '../layers/layer';
import { effectivePart } from '../overlay/overlaps';
import { hitsOf, overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { BBox, LayerKind } from '../types';
import { attrsOf } from '../layers/attrTable';

export interface ConflictPair {
  aId: string;
  bId: string;
  areaM2: number;
  /** 地类面积 of the overlap: areaM2 × the farmland parcel's net factor (area/netArea.ts). */
  netM2: number;
  bbox: BBox;
}

export interface Conflict {
  a: LayerKind;
  b: LayerKind;
  /** Display names of the two layers (zh). */
  aName: string;
  bName: string;
  areaM2: number;
  areaMu: number;
  /** 地类面积 of the conflict: each piece × its farmland parcel's net factor (the farmland side is a if a is farmland, else b). */
  netM2: number;
  netMu: number;
  /** Intersecting parcel pairs, largest first. */
  pairs: ConflictPair[];
  failures: { parcelId: string; message: string }[];
}

/** The four checked pairs, in report order. */
export const CONFLICT_PAIRS: readonly (readonly [LayerKind, LayerKind])[] = [
  ['permanent-basic', 'eco-redline'],
  ['permanent-basic', 'urban-boundary'],
  ['cultivated', 'eco-redline'],
  ['eco-redline', 'urban-boundary'],
] as const;

/** Conflicts of a with b (any two layers). */
export function layerConflict(a: Layer, b: Layer): Conflict {
  const out: Conflict = { a: a.kind, b: b.kind, aName: a.name, bName: b.name, areaM2: 0, areaMu: 0, netM2: 0, netMu: 0, pairs: [], failures: [] };
  const aFarm = isAreaKind(a.kind);
  for (let j = 0; j < b.parcels.length; j++) {
    const bp = b.parcels[j];
    if (bp.bbox[0] > a.bbox[2] || bp.bbox[2] < a.bbox[0] || bp.bbox[1] > a.bbox[3] || bp.bbox[3] < a.bbox[1]) continue;
    const eff = effectivePart(b, j);
    if (eff.failure) out.failures.push({ parcelId: bp.id, message: eff.failure });
    if (eff.areaM2 <= 0) continue;
    const region = prepareRegion([eff.coords ?? bp.geometry], { union: false });
    for (const m of region.failures) out.failures.push({ parcelId: bp.id, message: m });
    const ov = overlayRegion(region, a);
    for (const f of ov.failures) out.failures.push(f);
    for (const h of hitsOf(ov, a)) {
      const ab = h.parcel.bbox;
      const netM2 = h.areaM2 * parcelNetFactor(aFarm ? attrsOf(h.parcel) : attrsOf(bp));
      out.pairs.push({
        aId: h.parcel.id,
        bId: bp.id,
        areaM2: h.areaM2,
        netM2,
        bbox: [Math.max(ab[0], bp.bbox[0]), Math.max(ab[1], bp.bbox[1]), Math.min(ab[2], bp.bbox[2]), Math.min(ab[3], bp.bbox[3])],
      });
      out.areaM2 += h.areaM2;
      out.netM2 += netM2;
    }
  }
  out.pairs.sort((x, y) => y.areaM2 - x.areaM2 || (x.aId < y.aId ? -1 : x.aId > y.aId ? 1 : x.bId < y.bId ? -1 : 1));
  out.areaMu = m2ToMu(out.areaM2);
  out.netMu = m2ToMu(out.netM2);
  return out;
}

/** The 三区三线 conflicts among the loaded layers (pairs whose two kinds are both loaded; first layer of a kind). */
export function redlineConflicts(layers: readonly Layer[]): Conflict[] {
  const first = new Map<LayerKind, Layer>();
  for (const l of layers) if (!first.has(l.kind)) first.set(l.kind, l);
  const out: Conflict[] = [];
  for (const [ka, kb] of CONFLICT_PAIRS) {
    const a = first.get(ka);
    const b = first.get(kb);
    if (a && b) out.push(layerConflict(a, b));
  }
  return out;
}

