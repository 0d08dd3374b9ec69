/**
 * Progress without flooding the main thread: a report passes when its phase changes or it moved ≥ 5 % (or ≥ 1/20 of
 * its total), everything else is dropped. Each message costs the main thread a store update and a render.
 */
import type { Progress } from './protocol';

export function progressThrottle(send: (p: Progress) => void, step = 0.05): (p: Progress) => void {
  let last: Progress | undefined;
  return (p) => {
    const frac = (x: Progress | undefined) => (x?.done !== undefined && x.total ? x.done / x.total : undefined);
    if (last && last.phase === p.phase) {
      const a = frac(last);
      const b = frac(p);
      if (a === undefined || b === undefined || Math.abs(b - a) < step - 1e-9) return;
    }
    last = p;
    send(p);
  };
}
