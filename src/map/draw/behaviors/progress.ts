/**
 * When the drawing is worth autosaving: at once when a vertex is placed or a shape starts or ends, and at most
 * every `everyMs` while a freehand stroke grows or an edit (select mode) goes on. The key of the shape being drawn
 * — mode, role, vertex count (a stroke's count is left out: it grows on every move) — tells the events apart.
 */
import type { InProgress } from '../../../state/draw/port';

const PROGRESS_MS = 500;

export class ProgressTracker {
  private key = '';
  private at = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: () => void,
    private readonly opts: { everyMs?: number; now?: () => number } = {},
  ) {}

  /** The drawing changed: `shape` is the one being drawn now, `editing` whether an edit (select mode) may be going on. */
  track(shape: InProgress | undefined, editing: boolean): void {
    const key = shape ? `${shape.mode}:${shape.role}:${shape.mode === 'freehand' ? '' : shape.coordinates.length}` : '';
    if (key !== this.key) {
      this.key = key;
      this.fire();
      return;
    }
    if (!shape && !editing) return;
    const wait = (this.opts.everyMs ?? PROGRESS_MS) - (this.now() - this.at);
    if (wait <= 0) this.fire();
    else
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.fire();
      }, wait);
  }

  /** The shape being drawn was dropped or replaced: the next one is news. */
  reset(): void {
    this.key = '';
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : performance.now();
  }

  private fire(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.at = this.now();
    this.emit();
  }
}
