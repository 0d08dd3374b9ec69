import type * as maplibregl from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { fillProgramsCompiled, lineProgramCompiled, releaseWarmup, warmFillPrograms, warmupLayers } from './programWarmup';

/** Just what the warm-up touches of a MapLibre map: layers, 'render' listeners and the program cache. */
function fakeMap(programs: Record<string, unknown> | null) {
  const layers = new Map<string, { source: string; paint: Record<string, unknown> }>();
  const listeners = new Set<() => void>();
  const map = {
    painter: programs ? { programCache: { programs } } : {},
    addLayer: (l: { id: string; source: string; paint: Record<string, unknown> }) => layers.set(l.id, l),
    removeLayer: (id: string) => layers.delete(id),
    getLayer: (id: string) => layers.get(id),
    on: (_e: string, f: () => void) => listeners.add(f),
    off: (_e: string, f: () => void) => listeners.delete(f),
  };
  const render = () => {
    for (const f of [...listeners]) f();
  };
  return { map: map as unknown as maplibregl.Map, layers, listeners, render };
}
const names = { parcels: 'parcels', agg: 'agg' };
const P = 'fill/u_fill-color/u_fill-opacity/u_fill-outline-color/u_fill-pattern/mercator/';
const G = 'fill/a_fill-color/a_fill-outline-color/u_fill-opacity/u_fill-pattern/mercator/';
const A = 'fill/a_fill-opacity/u_fill-color/u_fill-outline-color/u_fill-pattern/mercator/';

describe('programWarmup', () => {
  it('draws each fill variant until MapLibre has compiled all three, then removes its layers', () => {
    const programs: Record<string, unknown> = {};
    const m = fakeMap(programs);
    warmFillPrograms(m.map, 'layer-a', names);
    expect(m.layers.size).toBe(6);
    // a per-vertex colour, a per-vertex opacity and the uniform variant, each on parcels and aggregate cells
    const paints = [...m.layers.values()].map((l) => JSON.stringify(l.paint));
    expect(new Set(paints).size).toBe(3);
    programs[P] = {};
    programs[A] = {};
    m.render();
    expect(m.layers.size).toBe(6); // the grade colouring's variant is still missing
    programs[G] = {};
    m.render();
    expect(m.layers.size).toBe(0);
    expect(m.listeners.size).toBe(0);
    // a later layer needs no warm-up
    warmFillPrograms(m.map, 'layer-b', names);
    expect(warmupLayers(m.map)).toEqual([]);
  });

  it('a fill variant is recognised by its binders only (not by other programs sharing them)', () => {
    expect(fillProgramsCompiled(fakeMap({ [P]: {}, [G]: {}, [A.replace('fill/', 'fillOutline/')]: {} }).map)).toBe(false);
    expect(fillProgramsCompiled(fakeMap({ [P]: {}, [G]: {}, [A]: {} }).map)).toBe(true);
    expect(fillProgramsCompiled(fakeMap(null).map)).toBeNull();
  });

  it('without a readable program cache the layers stay (correct, only dearer)', () => {
    const m = fakeMap(null);
    warmFillPrograms(m.map, 'layer-a', names);
    m.render();
    expect(m.layers.size).toBe(6);
    expect(m.listeners.size).toBe(0);
  });

  it('leaves the source of a removed layer free, and warms up again on the next one', () => {
    const programs: Record<string, unknown> = {};
    const m = fakeMap(programs);
    warmFillPrograms(m.map, 'layer-a', names);
    releaseWarmup(m.map, 'layer-b'); // another layer's removal changes nothing
    expect(m.layers.size).toBe(6);
    releaseWarmup(m.map, 'layer-a');
    expect(m.layers.size).toBe(0);
    expect(m.listeners.size).toBe(0);
    warmFillPrograms(m.map, 'layer-b', names);
    expect([...m.layers.values()].every((l) => l.source === 'layer-b')).toBe(true);
  });

  it('does nothing when the variants are already compiled', () => {
    const m = fakeMap({ [P]: {}, [G]: {}, [A]: {} });
    warmFillPrograms(m.map, 'layer-a', names);
    expect(m.layers.size).toBe(0);
  });

  it('knows the outline program: a line variant with uniform colour, opacity and width', () => {
    const L = 'line/u_line-blur/u_line-color/u_line-dasharray/u_line-floorwidth/u_line-gap-width/u_line-offset/u_line-opacity/u_line-pattern/u_line-width/mercator/';
    expect(lineProgramCompiled(fakeMap({ [L]: {} }).map)).toBe(true);
    // the dashed (SDF) program, a per-vertex colour, or fills only: not it
    expect(lineProgramCompiled(fakeMap({ [`lineSDF/${L.slice(5)}`]: {}, [P]: {} }).map)).toBe(false);
    expect(lineProgramCompiled(fakeMap({ [L.replace('u_line-color', 'a_line-color')]: {} }).map)).toBe(false);
    expect(lineProgramCompiled(fakeMap(null).map)).toBe(null);
  });
});
