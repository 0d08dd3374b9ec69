/**
 * From pieces to 地类面积 flows. A piece of polygon area s lies in a before parcel (class X, KCXS kb) and an after
 * parcel (class Y, KCXS ka). Each side splits the piece into its class (s·(1 − k), netArea.ts) and 田坎 1203 (s·k).
 * The flows pair the two splits keeping as much 田坎 as 田坎 as possible:
 *   X → Y       s·(1 − max(kb, ka))
 *   1203 → 1203 s·min(kb, ka)
 *   1203 → Y    s·(kb − ka)   when kb > ka
 *   X → 1203    s·(ka − kb)   when ka > kb
 * so the flows out of a piece add up to each side's own 地类面积 split, and the matrix reconciles to each vintage's
 * 地类面积 totals (田坎 included). A side outside every parcel (NO_PARCEL) has no split.
 */
import { NO_PARCEL, TIANKAN } from './classes';
import { netAreaM2 } from './netArea';
import type { ChangePieces, ChangeSide } from './pieces';

export interface Flow {
  piece: number;
  from: string;
  to: string;
  areaM2: number;
  /** The before / after parcel the piece lies in (undefined: none). */
  before?: ChangeSide;
  after?: ChangeSide;
  /** True when `from` is the before parcel's own class (false: its 田坎 share, or no parcel). */
  fromOwn: boolean;
  toOwn: boolean;
}

/** Visit every flow of every piece (one object reused: copy what you keep). `net = false`: polygon areas. */
export function eachFlow(pieces: ChangePieces, visit: (f: Readonly<Flow>) => void, opts: { net?: boolean } = {}): void {
  const net = opts.net !== false;
  const f: Flow = { piece: 0, from: '', to: '', areaM2: 0, fromOwn: false, toOwn: false };
  for (let k = 0; k < pieces.count; k++) {
    const bi = pieces.b[k];
    const aj = pieces.a[k];
    const s = pieces.areaM2[k];
    const B = bi >= 0 ? pieces.before[bi] : undefined;
    const A = aj >= 0 ? pieces.after[aj] : undefined;
    // deducted share of each side (0 without a parcel or without KCXS)
    const kb = B && net ? s - netAreaM2(s, B.kcxs) : 0;
    const ka = A && net ? s - netAreaM2(s, A.kcxs) : 0;
    f.piece = k;
    f.before = B;
    f.after = A;
    const X = B ? B.dlbm : NO_PARCEL;
    const Y = A ? A.dlbm : NO_PARCEL;
    const emit = (from: string, to: string, area: number, fromOwn: boolean, toOwn: boolean) => {
      if (!(area > 0)) return;
      f.from = from;
      f.to = to;
      f.areaM2 = area;
      f.fromOwn = fromOwn && B !== undefined;
      f.toOwn = toOwn && A !== undefined;
      visit(f);
    };
    const hi = Math.max(kb, ka);
    const lo = Math.min(kb, ka);
    emit(X, Y, s - hi, true, true);
    if (lo > 0) emit(TIANKAN, TIANKAN, lo, false, false);
    if (kb > ka) emit(TIANKAN, Y, kb - ka, false, true);
    else if (ka > kb) emit(X, TIANKAN, ka - kb, true, false);
  }
}
