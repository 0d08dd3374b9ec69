/** Where a layer goes in the draw order, and how opaque it starts. */
import type { BBox, LayerKind } from '../../core/types';
import type { LayerEntry } from './types';

/** Default draw order of manifest layers (bottom first): wide overlays under parcels, red lines on top. */
const KIND_RANK: Record<LayerKind, number> = {
  'black-soil': 0,
  'saline-alkali': 1,
  cultivated: 2,
  'high-standard': 3,
  'permanent-basic': 4,
  abandoned: 5,
  'no-supplement': 6,
  'urban-boundary': 7,
  'eco-redline': 8,
};
/** Wide overlays start translucent so the parcels under them stay readable. */
const DEFAULT_OPACITY: Partial<Record<LayerKind, number>> = { 'black-soil': 0.35, 'saline-alkali': 0.7 };

export const defaultOpacity = (kind: LayerKind, origin: LayerEntry['origin']) => (origin === 'manifest' ? (DEFAULT_OPACITY[kind] ?? 1) : 1);

/** The layers with `entry` in its place (replacing one with the same id): imports on top, manifest layers by kind. */
export function placeLayer(layers: readonly LayerEntry[], entry: LayerEntry): LayerEntry[] {
  const out = layers.filter((l) => l.info.id !== entry.info.id);
  const at = entry.origin === 'import' ? out.length : out.findIndex((l) => l.origin === 'import' || KIND_RANK[l.info.kind] > KIND_RANK[entry.info.kind]);
  out.splice(at < 0 ? out.length : at, 0, entry);
  return out;
}

export const unionBBox = (boxes: readonly BBox[]): BBox =>
  boxes.reduce<BBox>((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [180, 90, -180, -90]);
