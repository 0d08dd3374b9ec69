/**
 * Undo/redo of the finished drawing (the way terra-draw's `session-undo-redo.ts` keeps a session's history): a
 * list of snapshots and a cursor. A snapshot equal to the current one is not pushed (a commit that changed
 * nothing), a push after an undo drops the redo branch, and only the newest `limit` snapshots are kept.
 */
export class SnapshotHistory<T> {
  private states: T[] = [];
  private at = -1;

  constructor(private readonly limit = 100) {}

  /** Keep a copy of `snap` as the current state; false when it equals the current one (nothing kept). */
  push(snap: T): boolean {
    const copy = structuredClone(snap);
    const last = this.states[this.at];
    if (last !== undefined && JSON.stringify(last) === JSON.stringify(copy)) return false;
    this.states = this.states.slice(0, this.at + 1);
    this.states.push(copy);
    if (this.states.length > this.limit) this.states.shift();
    this.at = this.states.length - 1;
    return true;
  }

  canUndo(): boolean {
    return this.at > 0;
  }
  canRedo(): boolean {
    return this.at < this.states.length - 1;
  }

  /** Step back: the state to show now, or undefined at the start. */
  undo(): T | undefined {
    if (!this.canUndo()) return undefined;
    this.at--;
    return structuredClone(this.states[this.at]);
  }

  /** Step forward again: the state to show now, or undefined at the newest. */
  redo(): T | undefined {
    if (!this.canRedo()) return undefined;
    this.at++;
    return structuredClone(this.states[this.at]);
  }
}
