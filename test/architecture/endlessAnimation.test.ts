/**
 * No endless CSS animation in the app: one keeps the compositor producing a frame every vsync for as long as it is on
 * screen, and under software GL (SwiftShader here, office PCs without a GPU driver) that is a core taken from the
 * work it is waiting for — a 12-pixel loading spinner made the 500k county's load 18.3 s instead of 13.0 s
 * (docs/large-layers.md). Progress is drawn when progress is reported (src/app/App.tsx BusyBar).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(css|tsx?)$/.test(e.name) ? [join(dir, e.name)] : []));
}

function endlessAnimations(text: string): string[] {
  return [...text.matchAll(/animation(?:-iteration-count)?\s*:[^;}"'`]*\binfinite\b/g)].map((m) => m[0]);
}

describe('no endless animation', () => {
  it('finds one when there is one', () => {
    expect(endlessAnimations('.s { animation: spin 0.8s linear infinite; }')).toHaveLength(1);
    expect(endlessAnimations(".a { animation-iteration-count: infinite }")).toHaveLength(1);
    expect(endlessAnimations('.a { animation: fade 0.2s ease-out 1; }')).toEqual([]);
  });
  it('src has none', () => {
    const found = files(join(import.meta.dirname, '../../src')).flatMap((f) => endlessAnimations(readFileSync(f, 'utf8')).map((a) => `${f}: ${a}`));
    expect(found).toEqual([]);
  });
});
