/**
 * Draw MapLibre's tile clipping masks once per tile set, not once per source.
 *
 * Before drawing a fill or line layer, MapLibre writes one stencil mask per visible tile, and it writes them again
 * whenever the layer belongs to another source than the layer before it — in the opaque pass and again in the
 * translucent pass. Our dashboard stacks ~15 sources (nine farmland layers, the basemap, selection, drawing), so on
 * the demo county's overview a frame drew 407 triangle batches of which ~280 were these masks: each a stencil write
 * over the whole tile area. Under software WebGL (SwiftShader, what an office PC without a GPU or a VDI session
 * gets) that is ~180 ms of a ~680 ms frame, measured with `.prof`-style runs (GPU-process CPU per render).
 *
 * The masks of two sources are the same when their visible tiles are the same list of tile ids (same tiles, same
 * order — every source here cuts the same 512 px grid). This patch then keeps the masks already in the stencil
 * buffer. mapbox-gl-js made the same change (mapbox/mapbox-gl-js#11197); MapLibre GL JS 6 has not.
 *
 * Soundness rests on MapLibre's own invariant: every other stencil writer (3D layers, raster overlap, clearing)
 * sets `currentStencilSource` to undefined, and we reuse only while it is defined. With terrain, globe meshes or
 * render-to-texture the masks depend on more than the tile ids, so nothing is reused there.
 *
 * The class is internal to MapLibre, so it is reached through the first frame's context and patched once, with a
 * shape check; `clippingMaskReuse()` tells tests whether the patch is active (an upgrade that changes the class
 * fails the e2e test instead of silently losing the saving).
 */
import type * as maplibregl from 'maplibre-gl';

interface TileId {
  key: string | number;
}
interface StyleLayerLike {
  source: string;
  isTileClipped(): boolean;
}
/** The fields of MapLibre's FrameRenderContext this patch reads (internal in maplibre-gl 6). */
export interface FrameContextLike {
  currentStencilSource: string | undefined;
  terrain: unknown;
  isRenderingToTexture: boolean;
  data: { useSubdivision?: boolean };
  renderTileClippingMasks(layer: StyleLayerLike, tileIDs: TileId[] | undefined): void;
}
type RenderLayer = (painter: unknown, tileManager: unknown, layer: unknown, coords: unknown, ctx?: unknown, ...rest: unknown[]) => void;
interface PainterLike {
  renderLayer: RenderLayer;
}

/** The tile list whose masks are in the stencil buffer (per frame context). */
const MASKED = Symbol('fa-masked-tiles');
type Masked = FrameContextLike & { [MASKED]?: (string | number)[] };

let status: 'pending' | 'active' | 'unsupported' = 'pending';
/** Off: MapLibre's own behaviour (the e2e test compares the pixels of both). */
let enabled = true;
/** Counts of masks drawn and skipped since load (for tests and the bench). */
const counts = { drawn: 0, reused: 0 };

export function clippingMaskReuse(): { status: typeof status; enabled: boolean; drawn: number; reused: number } {
  return { status, enabled, ...counts };
}
export function setClippingMaskReuse(on: boolean): void {
  enabled = on;
}

/** Same tiles in the same order as the masks in the stencil buffer (no allocation: runs ~120 times a frame). */
function sameTiles(masked: (string | number)[] | undefined, ids: TileId[]): boolean {
  if (!masked || masked.length !== ids.length) return false;
  for (let i = 0; i < ids.length; i++) if (masked[i] !== ids[i].key) return false;
  return true;
}

function looksLikeFrameContext(ctx: unknown): ctx is FrameContextLike {
  if (typeof ctx !== 'object' || ctx === null) return false;
  const c = ctx as Partial<FrameContextLike>;
  return typeof c.renderTileClippingMasks === 'function' && 'currentStencilSource' in c && typeof c.data === 'object';
}

/** Exported for the unit test; the app installs it through `reuseClippingMasks`. */
export function patchFrameContext(proto: FrameContextLike): void {
  const original = proto.renderTileClippingMasks;
  proto.renderTileClippingMasks = function (this: Masked, layer, tileIDs) {
    const plain = enabled && !this.terrain && !this.isRenderingToTexture && !this.data.useSubdivision;
    if (
      plain &&
      this.currentStencilSource !== undefined &&
      this.currentStencilSource !== layer.source &&
      tileIDs?.length &&
      layer.isTileClipped() &&
      sameTiles(this[MASKED], tileIDs)
    ) {
      // same tiles, masks intact: this source's layers test against the masks already drawn
      this.currentStencilSource = layer.source;
      counts.reused += tileIDs.length;
      return;
    }
    const before = this.currentStencilSource;
    original.call(this, layer, tileIDs);
    if (this.currentStencilSource === layer.source && before !== layer.source && tileIDs) {
      this[MASKED] = plain ? tileIDs.map((t) => t.key) : undefined;
      counts.drawn += tileIDs.length;
    }
  };
}

/** Install the patch through the first frame this map draws (once per page; later maps share the prototype). */
export function reuseClippingMasks(map: maplibregl.Map): void {
  if (status !== 'pending') return;
  const painter = (map as unknown as { painter?: PainterLike }).painter;
  if (!painter || typeof painter.renderLayer !== 'function') {
    status = 'unsupported';
    return;
  }
  const own = Object.hasOwn(painter, 'renderLayer');
  const renderLayer = painter.renderLayer;
  painter.renderLayer = function (this: PainterLike, ...args: Parameters<RenderLayer>) {
    const ctx = args[4];
    if (status === 'pending') {
      if (looksLikeFrameContext(ctx)) {
        patchFrameContext(Object.getPrototypeOf(ctx) as FrameContextLike);
        status = 'active';
      } else status = 'unsupported';
      // hand the method back: from now on the patched prototype does the work
      if (own) painter.renderLayer = renderLayer;
      else delete (painter as Partial<PainterLike>).renderLayer;
    }
    return renderLayer.apply(this, args);
  };
}
