/**
 * Undo/redo keys: Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z and Ctrl/⌘+Y redo — not while the user types in a field.
 */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

/** The history step a key press asks for, if any. */
export function historyKeyOf(e: KeyLike): 'undo' | 'redo' | undefined {
  const el = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return undefined;
  if (!(e.ctrlKey || e.metaKey)) return undefined;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y') return 'redo';
  return undefined;
}

/** Listen for the keys on `target` (the window); returns the function that stops listening. */
export function bindHistoryKeys(target: Pick<Window, 'addEventListener' | 'removeEventListener'>, on: { undo(): void; redo(): void }): () => void {
  const listener = (e: KeyboardEvent) => {
    const step = historyKeyOf(e);
    if (!step) return;
    on[step]();
    e.preventDefault();
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
