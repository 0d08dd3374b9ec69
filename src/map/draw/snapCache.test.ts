import { describe, expect, it } from 'vitest';
import { buildLayer } from '../../core/layers/layer';
import { snapEdges } from '../../core/overlay/snap';
import type { BBox } from '../../core/types';
import type { SnapAnswer } from '../../worker/impactProtocol';
import { SnapCache, type SnapMap } from './snapCache';

const RING = [[125.9000001, 46.4500003], [125.9012347, 46.4500003], [125.9012347, 46.4508889], [125.9000001, 46.4508889], [125.9000001, 46.4500003]];
const layer = buildLayer('cultivated', 'c.geojson', [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [RING] } }]);

/** A north-up map around the parcel: `k` px per degree (y down). */
function fakeMap(k = 200_000): SnapMap & { zoom: number } {
  const o = [125.9, 46.45];
  return {
    zoom: 17,
    project: ([x, y]) => ({ x: (x - o[0]) * k, y: -(y - o[1]) * k }),
    unproject: ([x, y]) => ({ lng: o[0] + x / k, lat: o[1] - y / k }),
    getZoom() {
      return this.zoom;
    },
  };
}

/** A fetch answered by hand (`answer()`), as the worker would. */
function manualFetch(opts: { maxEdges?: number } = {}) {
  const asked: { bbox: BBox; resolve: (a: SnapAnswer) => void }[] = [];
  const fetch = (bbox: BBox) => new Promise<SnapAnswer>((resolve) => asked.push({ bbox, resolve }));
  const answer = async (i = 0) => {
    const q = asked.splice(i, 1)[0];
    q.resolve({ bbox: q.bbox, ...snapEdges([layer], q.bbox, opts) });
    await new Promise((r) => setTimeout(r, 0));
  };
  return { fetch, asked, answer };
}

describe('snap cache (main thread)', () => {
  it('asks the worker around the cursor, then snaps synchronously to the source vertex', async () => {
    const map = fakeMap();
    const f = manualFetch();
    const cache = new SnapCache(map, f.fetch);
    // 3 px from the corner (k = 200 000 px/°)
    const at = [RING[1][0] + 3 / 200_000, RING[1][1]];
    expect(cache.snap(at[0], at[1])).toBeUndefined();
    expect(f.asked.length).toBe(1);
    // more moves while the answer is out: no second request for the same neighbourhood... only the newest waits
    cache.prefetch(at[0] + 1e-6, at[1]);
    expect(f.asked.length).toBe(1);
    await f.answer();
    expect(cache.covers(at[0], at[1])).toBe(true);
    expect(cache.snap(at[0], at[1])).toEqual(RING[1]);
    // near an edge: a point of the edge (same latitude as the bottom edge, exactly)
    const edge = cache.snap(125.9006, RING[0][1] + 4 / 200_000);
    expect(edge?.[1]).toBe(RING[0][1]);
    expect(edge?.[0]).toBeCloseTo(125.9006, 9);
    // far from every parcel edge (inside the parcel, 25 px from the nearest edge): nothing
    expect(cache.snap(125.9006, RING[0][1] + 25 / 200_000)).toBeUndefined();
  });

  it('drops answers asked before invalidate(); keeps only the newest waiting box', async () => {
    const map = fakeMap();
    const f = manualFetch();
    const cache = new SnapCache(map, f.fetch, { prefetchPx: 100 });
    cache.prefetch(RING[1][0], RING[1][1]);
    cache.prefetch(RING[1][0] + 0.01, RING[1][1]); // far: waits
    cache.prefetch(RING[0][0], RING[0][1]); // newer: replaces the waiting one
    cache.invalidate();
    await f.answer();
    expect(cache.stats.dropped).toBe(1);
    expect(cache.covers(RING[1][0], RING[1][1])).toBe(false);
    // invalidate() forgot the waiting box too; a new move asks again
    expect(f.asked.length).toBe(0);
    cache.prefetch(RING[0][0], RING[0][1]);
    expect(f.asked.length).toBe(1);
    await f.answer();
    expect(cache.snap(RING[0][0] + 2 / 200_000, RING[0][1] - 2 / 200_000)).toEqual(RING[0]);
    expect(cache.stats).toEqual({ sent: 2, kept: 1, dropped: 1 });
  });

  it('a truncated box (zoomed out) snaps nothing and is asked again once zoomed in', async () => {
    const map = fakeMap();
    const f = manualFetch({ maxEdges: 1 });
    const cache = new SnapCache(map, f.fetch);
    cache.prefetch(RING[1][0], RING[1][1]);
    await f.answer();
    expect(cache.covers(RING[1][0], RING[1][1])).toBe(true);
    expect(cache.snap(RING[1][0], RING[1][1])).toBeUndefined();
    map.zoom = 18;
    expect(cache.covers(RING[1][0], RING[1][1])).toBe(false);
    cache.prefetch(RING[1][0], RING[1][1]);
    expect(f.asked.length).toBe(1);
  });
});
