/**
 * The draw slice: the drawing session's lifetime. The session (state/draw/drawSession.ts) keeps its own store —
 * its live figures change every frame while the user draws, and nothing else in the app needs to hear about each
 * one — and the app store holds it from the moment the map and the scenarios are there until the panel goes.
 */
import { createDrawSession } from '../draw/drawSession';
import type { DrawActions, DrawSliceState, Slice, StoreDeps } from './types';

export const drawSlice =
  (deps: StoreDeps): Slice<DrawSliceState & DrawActions> =>
  (set, get) => ({
    startDrawing(makePort, opts) {
      const running = get().drawSession;
      if (running) return running;
      const scenarios = get().scenarioStore;
      if (!scenarios) throw new Error('startDrawing: the scenarios are not open yet (openScenarios)');
      const session = createDrawSession(makePort, deps.client, scenarios, opts);
      set({ drawSession: session });
      return session;
    },
    stopDrawing() {
      const session = get().drawSession;
      if (!session) return;
      set({ drawSession: undefined });
      session.getState().destroy();
    },
    async applyDrawConfig() {
      const { manifest, manifestUrl } = get();
      const cfg = manifest?.config;
      if (!cfg || !manifestUrl) return;
      await deps.client.request('drawConfig', { file: cfg, source: { url: new URL(cfg, manifestUrl).href } });
      // then the figures are computed again (not the drawing reloaded: a shape being drawn stays)
      get().drawSession?.getState().refresh();
    },
  });
