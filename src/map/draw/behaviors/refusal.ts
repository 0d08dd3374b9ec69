/**
 * Self-intersecting shapes refused, with a message, while drawing and while editing (terra-draw's validation hook).
 * Rings with fewer than 4 distinct vertices (a shape being started) cannot cross. A refusal stays on screen until a
 * committed update is valid (provisional cursor moves do not clear it), and after an edit that was refused on the
 * way (a vertex dragged across an edge stops short: the message says why); a finished drawing clears it.
 */
import type { GeoJSONStoreFeatures } from 'terra-draw';
import { notSelfIntersecting } from './features';

export class RefusalGuard {
  /** A self-intersection was refused since the last finished action. */
  private refused = false;

  constructor(private readonly message: (code: 'selfIntersects' | undefined) => void) {}

  /** terra-draw's `validation` option. */
  readonly validate = (feature: GeoJSONStoreFeatures, ctx?: { updateType?: string }): { valid: boolean; reason?: string } => {
    const r = notSelfIntersecting(feature);
    if (!r.valid) {
      this.refused = true;
      this.message('selfIntersects');
    } else if (ctx?.updateType !== undefined && ctx.updateType !== 'provisional') this.message(undefined);
    return r;
  };

  /** A shape or an edit finished (terra-draw's `finish`, its `action`). */
  finished(action: string): void {
    this.message(this.refused && action !== 'draw' ? 'selfIntersects' : undefined);
    this.refused = false;
  }

  /** Another tool: earlier refusals no longer apply. */
  reset(): void {
    this.refused = false;
  }
}
