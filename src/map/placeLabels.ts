/**
 * Place names from the data (county town, townships, villages) as HTML text over the map: the offline basemap has
 * no glyphs, and HTML renders any CJK name with the system's fonts. Data strings are set as text, never as HTML.
 *
 * One overlay instead of a MapLibre Marker per place: a Marker re-projects and restyles its element on every move,
 * ~160 style recalculations per map frame in the demo county although the villages are hidden below z11.5. Here a
 * frame touches only the labels that can be seen: kinds hidden at this zoom keep their last position, and labels
 * outside the view (beyond a margin) are hidden once, not moved. Labels do not overlap: a label that would cover
 * one of higher rank (county town, townships, then villages) is left out. Hidden means `visibility: hidden`, not
 * `display: none`: the labels are laid out (their CJK text shaped, with font fallback) once, and a label coming
 * back costs a style change, not a layout.
 */
import type * as maplibregl from 'maplibre-gl';

export interface Place {
  name: string;
  /** `county-town`, `township`, `village` or `place`: the CSS class `place-${kind}`. */
  kind: string;
  lngLat: [number, number];
}

/** Points with a string name from a GeoJSON FeatureCollection (`name`, `NAME` or `XZQMC`); anything else is skipped. */
export function placesFromGeojson(fc: unknown): Place[] {
  const features = (fc as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return [];
  const out: Place[] = [];
  for (const f of features as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null }[]) {
    const c = f?.geometry?.coordinates;
    const p = f?.properties ?? {};
    const name = p.name ?? p.NAME ?? p.XZQMC;
    if (f?.geometry?.type !== 'Point' || !Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number' || typeof name !== 'string') continue;
    if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) continue;
    const kind = typeof p.kind === 'string' ? p.kind.replace(/[^a-z-]/g, '') || 'place' : 'place';
    out.push({ name, kind, lngLat: [c[0], c[1]] });
  }
  return out;
}

export type LabelMove = { x: number; y: number } | 'out' | 'keep';

/** Which label wins a collision: the county town, then townships, then villages and other places. */
const RANK: Record<string, number> = { 'county-town': 0, township: 1 };
const rank = (kind: string) => RANK[kind] ?? 2;

/**
 * What each label does this frame: move to a screen point, leave the view (`out`: more than `margin` px outside
 * the `width` × `height` view, or overlapping a label of higher rank — or of the same rank placed before it — when
 * `sizes` are known) or `keep` (a kind hidden at this zoom: not touched).
 */
export function labelMoves(
  places: readonly Place[],
  project: (lngLat: [number, number]) => { x: number; y: number },
  width: number,
  height: number,
  hiddenKind: (kind: string) => boolean,
  margin = 120,
  sizes?: readonly { w: number; h: number }[],
): LabelMove[] {
  const moves: LabelMove[] = places.map((p) => {
    if (hiddenKind(p.kind)) return 'keep';
    const { x, y } = project(p.lngLat);
    if (!(x >= -margin && y >= -margin && x <= width + margin && y <= height + margin)) return 'out';
    return { x, y };
  });
  if (!sizes) return moves;
  // greedy by rank, then data order: a label whose box (with a small gap) meets a placed one is left out
  const order = places.map((_, i) => i).sort((a, b) => rank(places[a].kind) - rank(places[b].kind) || a - b);
  const placed: number[] = []; // x0, y0, x1, y1 per placed label
  const GAP = 2;
  for (const i of order) {
    const m = moves[i];
    if (typeof m !== 'object') continue;
    const hw = (sizes[i]?.w ?? 0) / 2 + GAP;
    const hh = (sizes[i]?.h ?? 0) / 2 + GAP;
    const x0 = m.x - hw;
    const y0 = m.y - hh;
    const x1 = m.x + hw;
    const y1 = m.y + hh;
    let hit = false;
    for (let k = 0; k < placed.length && !hit; k += 4) hit = x0 < placed[k + 2] && x1 > placed[k] && y0 < placed[k + 3] && y1 > placed[k + 1];
    if (hit) moves[i] = 'out';
    else placed.push(x0, y0, x1, y1);
  }
  return moves;
}

/** Villages are shown from this zoom: in the county view only a random-looking scatter of them would find room. */
export const VILLAGE_LABELS_FROM_ZOOM = 11.5;

export class PlaceLabels {
  private readonly root: HTMLDivElement;
  private readonly els: HTMLDivElement[];
  private readonly shown: boolean[];
  private sizes?: { w: number; h: number }[];
  private readonly onMove = () => this.update();

  constructor(
    private readonly map: maplibregl.Map,
    private readonly places: readonly Place[],
  ) {
    this.root = document.createElement('div');
    this.root.className = 'place-labels';
    this.root.setAttribute('aria-hidden', 'true');
    this.els = places.map((p) => {
      const el = document.createElement('div');
      el.className = `place-label place-${p.kind}`;
      el.textContent = p.name; // data is text, never HTML
      el.style.visibility = 'hidden';
      this.root.appendChild(el);
      return el;
    });
    this.shown = places.map(() => false);
    map.getCanvasContainer().appendChild(this.root);
    map.on('move', this.onMove);
    map.on('resize', this.onMove);
    this.update();
  }

  update(): void {
    const canvas = this.map.getCanvas();
    // each label's box, read once (one layout) the first time the labels are in the document with their fonts
    // (a map not laid out yet measures 0 × 0: measured again next time)
    if (!this.sizes && this.root.isConnected) {
      const sizes = this.measure();
      if (sizes.some((s) => s.w > 0)) this.sizes = sizes;
    }
    const far = this.map.getZoom() < VILLAGE_LABELS_FROM_ZOOM;
    const moves = labelMoves(
      this.places,
      (ll) => this.map.project(ll),
      canvas.clientWidth,
      canvas.clientHeight,
      (kind) => far && kind === 'village',
      undefined,
      this.sizes,
    );
    for (let i = 0; i < moves.length; i++) {
      const m = moves[i];
      if (m === 'keep') continue;
      const el = this.els[i];
      if (m === 'out') {
        if (this.shown[i]) {
          el.style.visibility = 'hidden';
          this.shown[i] = false;
        }
        continue;
      }
      el.style.transform = `translate(${m.x.toFixed(1)}px, ${m.y.toFixed(1)}px) translate(-50%, -50%)`;
      if (!this.shown[i]) {
        // '' and not 'visible': the zoom class may still hide villages (.labels-far .place-village)
        el.style.visibility = '';
        this.shown[i] = true;
      }
    }
  }

  private measure(): { w: number; h: number }[] {
    return this.els.map((el) => ({ w: el.offsetWidth, h: el.offsetHeight }));
  }

  remove(): void {
    this.map.off('move', this.onMove);
    this.map.off('resize', this.onMove);
    this.root.remove();
  }
}
