/**
 * The scenarios slice: the drawing tools' saved scenarios and autosaved draft, opened from their storage
 * (IndexedDB in the browser) once. They keep their own store (state/scenarios/scenarioStore.ts), which the draw
 * session writes on every drawing change; the app store holds it, so that the panels and the session share one.
 */
import { createScenarioStore, type ScenarioStore } from '../scenarios/scenarioStore';
import type { ScenarioSliceState, ScenariosActions, Slice } from './types';

export const scenariosSlice = (): Slice<ScenarioSliceState & ScenariosActions> => (set) => {
  let opening: Promise<ScenarioStore> | undefined;
  return {
    openScenarios(storage) {
      opening ??= (async () => {
        const s = createScenarioStore(storage);
        await s.getState().init();
        set({ scenarioStore: s });
        return s;
      })();
      return opening;
    },
  };
};
