/**
 * The settings slice: basemap, area method, colouring, and the language — the only state that persists
 * (localStorage), read back at start and written only when it changes (persistSettings).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppActions, AppState, Settings, SettingsActions, SettingsState, Slice, StoreDeps } from './types';

export const DEFAULT_SETTINGS: Settings = {
  basemap: 'offline',
  tiandituKey: '',
  xyzUrl: '',
  areaMethod: 'ellipsoidal',
  cultivatedStyle: 'kind',
  areaBasis: 'net',
};

const STORAGE_KEY = 'farmland-atlas';

/** What was persisted, where it is readable: a language we know, settings over the defaults. */
export function readPersisted(storage: StoreDeps['storage']): Partial<SettingsState> {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return {};
    const p = JSON.parse(raw) as { lang?: unknown; settings?: Partial<Settings> };
    const out: Partial<SettingsState> = {};
    if (p.lang === 'zh' || p.lang === 'en') out.lang = p.lang;
    if (p.settings && typeof p.settings === 'object') out.settings = { ...DEFAULT_SETTINGS, ...p.settings };
    return out;
  } catch {
    return {};
  }
}

export const settingsSlice =
  (deps: StoreDeps): Slice<SettingsState & SettingsActions> =>
  (set, get) => ({
    lang: 'zh',
    settings: { ...DEFAULT_SETTINGS },
    ...readPersisted(deps.storage),

    setLang(lang) {
      set({ lang });
    },
    setSettings(patch) {
      const before = get().settings;
      set({ settings: { ...before, ...patch } });
      if (patch.areaMethod && patch.areaMethod !== before.areaMethod) void get().refreshStats();
      else if (patch.areaBasis && patch.areaBasis !== before.areaBasis) void get().refreshStats();
    },
  });

/** Persist settings and language, only when they change (not on every store update). */
export function persistSettings(store: StoreApi<AppState & AppActions>, storage: StoreDeps['storage']): () => void {
  return store.subscribe((st, prev) => {
    if (st.settings === prev.settings && st.lang === prev.lang) return;
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify({ settings: st.settings, lang: st.lang }));
    } catch {
      // storage full or disabled: settings live for this session only
    }
  });
}
