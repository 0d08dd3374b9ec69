/**
 * Snap targets on the main thread: the source edges of parcels near the cursor, asked from the engine worker
 * (`drawSnap`, from the layers' spatial index) and kept here, so terra-draw's synchronous `toCustom` snapping can
 * answer at once. The cursor's neighbourhood is prefetched on mouse moves; one request is in flight at a time and
 * only the newest box waits behind it; answers asked before an `invalidate()` (layers loaded, hidden, removed)
 * are dropped. Nothing here reads rendered tiles or MapLibre style layers.
 */
import { nearestSnap, type PixelJacobian } from '../../core/overlay/snap';
import type { BBox } from '../../core/types';
import type { SnapFetch } from '../../state/draw/port';

/** The part of the map the cache needs (a maplibregl.Map; a fake in tests). */
export interface SnapMap {
  project(ll: [number, number]): { x: number; y: number };
  unproject(p: [number, number]): { lng: number; lat: number };
  getZoom(): number;
}

export type { SnapFetch };

interface Entry {
  bbox: BBox;
  edges: Float64Array;
  truncated: boolean;
  zoom: number;
}

export interface SnapCacheOptions {
  /** Snap distance in screen pixels. */
  tolPx: number;
  /** Half-size (px) of the box fetched around the cursor. */
  prefetchPx: number;
  /** Boxes kept. */
  keep: number;
}

const DEFAULTS: SnapCacheOptions = { tolPx: 10, prefetchPx: 320, keep: 8 };

export class SnapCache {
  private entries: Entry[] = [];
  private generation = 0;
  private inFlight = false;
  private pending: BBox | undefined;
  private readonly opts: SnapCacheOptions;
  /** Requests sent and answers kept / dropped as stale (for tests and the console). */
  readonly stats = { sent: 0, kept: 0, dropped: 0 };

  constructor(
    private readonly map: SnapMap,
    private readonly fetch: SnapFetch,
    opts: Partial<SnapCacheOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Forget every box: the layers changed. Answers in flight are dropped when they come. */
  invalidate(): void {
    this.generation++;
    this.entries = [];
    this.pending = undefined;
  }

  /** Make sure the cursor's neighbourhood is fetched (a no-op when a kept box covers it). */
  prefetch(lng: number, lat: number): void {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return;
    // refetch when the cursor comes within half a box of the kept box's edge
    if (this.covering(this.boxAround(lng, lat, this.opts.prefetchPx / 2))) return;
    const box = this.boxAround(lng, lat, this.opts.prefetchPx);
    if (this.inFlight) {
      this.pending = box;
      return;
    }
    this.send(box);
  }

  /** True when a snap at this point can be answered from the kept boxes now. */
  covers(lng: number, lat: number): boolean {
    return this.covering(this.boxAround(lng, lat, this.opts.tolPx + 1)) !== undefined;
  }

  /** The snapped position (a source vertex, else a point of a source edge) within the tolerance, or undefined. */
  snap(lng: number, lat: number): [number, number] | undefined {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return undefined;
    const e = this.covering(this.boxAround(lng, lat, this.opts.tolPx + 1));
    if (!e) {
      this.prefetch(lng, lat);
      return undefined;
    }
    return nearestSnap(e.edges, [lng, lat], this.jacobian(lng, lat), this.opts.tolPx)?.at;
  }

  private send(box: BBox): void {
    this.inFlight = true;
    this.stats.sent++;
    const generation = this.generation;
    const zoom = this.map.getZoom();
    this.fetch(box)
      .then((ans) => {
        if (generation !== this.generation) {
          this.stats.dropped++;
          return;
        }
        this.stats.kept++;
        this.entries.unshift({ bbox: ans.bbox, edges: ans.edges, truncated: ans.truncated, zoom });
        if (this.entries.length > this.opts.keep) this.entries.length = this.opts.keep;
      })
      .catch(() => {
        // superseded or failed: the next mouse move asks again
        this.stats.dropped++;
      })
      .finally(() => {
        this.inFlight = false;
        const next = this.pending;
        this.pending = undefined;
        if (next && !this.covering(next)) this.send(next);
      });
  }

  /** A kept box holding `box`; a truncated one (too many edges) only at the zoom it was asked at or below. */
  private covering(box: BBox): Entry | undefined {
    const zoom = this.map.getZoom();
    return this.entries.find((e) => box[0] >= e.bbox[0] && box[1] >= e.bbox[1] && box[2] <= e.bbox[2] && box[3] <= e.bbox[3] && (!e.truncated || zoom <= e.zoom + 0.25));
  }

  /** The lon/lat box of the screen square of half-size `px` around a point (rotation included). */
  private boxAround(lng: number, lat: number, px: number): BBox {
    const c = this.map.project([lng, lat]);
    const corners = [
      this.map.unproject([c.x - px, c.y - px]),
      this.map.unproject([c.x + px, c.y - px]),
      this.map.unproject([c.x + px, c.y + px]),
      this.map.unproject([c.x - px, c.y + px]),
    ];
    const xs = corners.map((p) => p.lng);
    const ys = corners.map((p) => p.lat);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }

  /** Degrees → pixels at the point, by finite differences of the map's projection. */
  private jacobian(lng: number, lat: number): PixelJacobian {
    const h = 1e-5;
    const p0 = this.map.project([lng, lat]);
    const px = this.map.project([lng + h, lat]);
    const py = this.map.project([lng, lat + h]);
    return [(px.x - p0.x) / h, (py.x - p0.x) / h, (px.y - p0.y) / h, (py.y - p0.y) / h];
  }
}
