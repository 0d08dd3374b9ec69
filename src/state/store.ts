/**
 * The app state (zustand vanilla store), put together from slices (the zustand "slices" pattern, each slice built
 * with the whole store's set/get):
 *
 * - slices/data.ts      manifest, layers, imports, the engine's figures (stats, summary, regions)
 * - slices/view.ts      region filter, map view and fit requests, tab, selection and hover, report page
 * - slices/draw.ts      the drawing session's lifetime (the session keeps its own store: state/draw/drawSession.ts)
 * - slices/scenarios.ts saved scenarios and the draft (their own store too: state/scenarios/scenarioStore.ts)
 * - slices/settings.ts  basemap, area method, colouring, language — persisted in localStorage
 * - slices/indicators.ts the quality indicators of the region filter and the remainder highlight
 *
 * Actions are thin: they call the engine worker and put its answers in the store; parsing of domain files lives
 * in src/core.
 * View, visible layers and region filter live in the URL (see src/app/urlState.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { changeSlice } from './slices/change';
import { dataSlice } from './slices/data';
import { drawSlice } from './slices/draw';
import { indicatorsSlice } from './slices/indicators';
import { scenariosSlice } from './slices/scenarios';
import { persistSettings, settingsSlice } from './slices/settings';
import type { AppActions, AppState, StoreDeps } from './slices/types';
import { viewSlice } from './slices/view';

export { unionBBox } from './slices/layerOrder';
export { DEFAULT_SETTINGS } from './slices/settings';
export type {
  AppActions,
  AppState,
  BasemapChoice,
  CultivatedStyle,
  ImportOptions,
  ImportReport,
  Lang,
  LayerEntry,
  Manifest,
  Settings,
  StoreDeps,
  ViewState,
} from './slices/types';

export type AppStore = StoreApi<AppState & AppActions>;

export function createAppStore(deps: StoreDeps, initial: Partial<AppState> = {}): AppStore {
  const store = createStore<AppState & AppActions>()((set, get, api) => ({
    ...dataSlice(deps)(set, get, api),
    ...viewSlice(deps)(set, get, api),
    ...drawSlice(deps)(set, get, api),
    ...scenariosSlice()(set, get, api),
    ...settingsSlice(deps)(set, get, api),
    ...changeSlice(deps)(set, get, api),
    ...indicatorsSlice(deps)(set, get, api),
    ...initial,
  }));
  persistSettings(store, deps.storage);
  return store;
}
