import { describe, expect, it } from 'vitest';
import { bindHistoryKeys, historyKeyOf, type KeyLike } from './keys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, target: null, ...mods });

describe('history keys', () => {
  it('maps Ctrl/⌘+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    expect(historyKeyOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyKeyOf(key('z', { metaKey: true }))).toBe('undo');
    expect(historyKeyOf(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyKeyOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(historyKeyOf(key('z'))).toBeUndefined();
    expect(historyKeyOf(key('x', { ctrlKey: true }))).toBeUndefined();
  });

  it('leaves text fields alone', () => {
    const input = { tagName: 'INPUT' } as unknown as EventTarget;
    const editable = { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget;
    expect(historyKeyOf(key('z', { ctrlKey: true, target: input }))).toBeUndefined();
    expect(historyKeyOf(key('z', { ctrlKey: true, target: editable }))).toBeUndefined();
  });

  it('binds to a target and unbinds, preventing the default of the keys it handles only', () => {
    const listeners = new Set<(e: KeyboardEvent) => void>();
    const target = {
      addEventListener: (_t: string, fn: (e: KeyboardEvent) => void) => void listeners.add(fn),
      removeEventListener: (_t: string, fn: (e: KeyboardEvent) => void) => void listeners.delete(fn),
    } as unknown as Window;
    const calls: string[] = [];
    const off = bindHistoryKeys(target, { undo: () => calls.push('undo'), redo: () => calls.push('redo') });
    let prevented = 0;
    const press = (k: KeyLike) => {
      for (const l of listeners) l({ ...k, preventDefault: () => prevented++ } as unknown as KeyboardEvent);
    };
    press(key('z', { ctrlKey: true }));
    press(key('y', { ctrlKey: true }));
    press(key('a', { ctrlKey: true }));
    expect(calls).toEqual(['undo', 'redo']);
    expect(prevented).toBe(2);
    off();
    expect(listeners.size).toBe(0);
  });
});
