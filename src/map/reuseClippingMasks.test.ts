import { describe, expect, it } from 'vitest';
import { clippingMaskReuse, type FrameContextLike, patchFrameContext, setClippingMaskReuse } from './reuseClippingMasks';

/** A stand-in for MapLibre's FrameRenderContext: records which sources' masks it draws, as MapLibre 6 decides. */
class FakeContext implements FrameContextLike {
  currentStencilSource: string | undefined = undefined;
  terrain: unknown = null;
  isRenderingToTexture = false;
  data: { useSubdivision?: boolean } = {};
  drawn: string[] = [];
  renderTileClippingMasks(layer: { source: string; isTileClipped(): boolean }, tileIDs: { key: string | number }[] | undefined): void {
    if (this.currentStencilSource === layer.source || !layer.isTileClipped() || !tileIDs?.length) return;
    this.currentStencilSource = layer.source;
    this.drawn.push(layer.source);
  }
  /** What MapLibre does after any other stencil write (3D layers, raster overlap, clearing). */
  invalidateTileClippingMasks(): void {
    this.currentStencilSource = undefined;
  }
}
patchFrameContext(FakeContext.prototype);

const layer = (source: string, clipped = true) => ({ source, isTileClipped: () => clipped });
const tiles = (...keys: string[]) => keys.map((key) => ({ key }));

describe('reuseClippingMasks', () => {
  it('draws the masks once for consecutive sources over the same tiles', () => {
    const c = new FakeContext();
    for (const s of ['townships', 'roads', 'layer-a', 'layer-a', 'layer-b']) c.renderTileClippingMasks(layer(s), tiles('1', '2', '3'));
    expect(c.drawn).toEqual(['townships']);
    expect(c.currentStencilSource).toBe('layer-b');
  });

  it('draws them again when the tile list differs (other tiles, other order, a parent still shown)', () => {
    const c = new FakeContext();
    c.renderTileClippingMasks(layer('a'), tiles('1', '2'));
    c.renderTileClippingMasks(layer('b'), tiles('1', '2', '0'));
    c.renderTileClippingMasks(layer('c'), tiles('2', '1', '0'));
    c.renderTileClippingMasks(layer('d'), tiles('2', '1', '0'));
    expect(c.drawn).toEqual(['a', 'b', 'c']);
  });

  it('never reuses after another stencil write, nor with terrain, render-to-texture or subdivided meshes', () => {
    const c = new FakeContext();
    c.renderTileClippingMasks(layer('a'), tiles('1'));
    c.invalidateTileClippingMasks();
    c.renderTileClippingMasks(layer('b'), tiles('1'));
    c.terrain = {};
    c.renderTileClippingMasks(layer('c'), tiles('1'));
    c.terrain = null;
    c.isRenderingToTexture = true;
    c.renderTileClippingMasks(layer('d'), tiles('1'));
    c.isRenderingToTexture = false;
    c.data.useSubdivision = true;
    c.renderTileClippingMasks(layer('e'), tiles('1'));
    c.data.useSubdivision = false;
    // masks drawn under terrain / subdivision are not the plain ones: the next plain source draws its own
    c.renderTileClippingMasks(layer('f'), tiles('1'));
    c.renderTileClippingMasks(layer('g'), tiles('1'));
    expect(c.drawn).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('leaves layers that are not tile-clipped and empty tile lists to MapLibre', () => {
    const c = new FakeContext();
    c.renderTileClippingMasks(layer('a'), tiles('1'));
    c.renderTileClippingMasks(layer('sym', false), tiles('1'));
    expect(c.currentStencilSource).toBe('a');
    c.renderTileClippingMasks(layer('b'), []);
    expect(c.currentStencilSource).toBe('a');
    c.renderTileClippingMasks(layer('c'), tiles('1'));
    expect(c.drawn).toEqual(['a']);
  });

  it('can be switched off (MapLibre alone), and counts what it saved', () => {
    const before = clippingMaskReuse();
    const c = new FakeContext();
    setClippingMaskReuse(false);
    c.renderTileClippingMasks(layer('a'), tiles('1', '2'));
    c.renderTileClippingMasks(layer('b'), tiles('1', '2'));
    setClippingMaskReuse(true);
    c.renderTileClippingMasks(layer('c'), tiles('1', '2'));
    c.renderTileClippingMasks(layer('d'), tiles('1', '2'));
    expect(c.drawn).toEqual(['a', 'b', 'c']);
    const after = clippingMaskReuse();
    expect(after.drawn - before.drawn).toBe(6);
    expect(after.reused - before.reused).toBe(2);
  });
});
