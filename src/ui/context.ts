/** React access to the app store and the map controller (provided by src/app). */
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { AppActions, AppState, AppStore, Lang } from '../state/store';
import { type MsgKey, t } from './i18n';
import type { SheetSource } from './sheet/source';
import type { SiteShapes } from '../map/reportSite';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('StoreContext missing');
  return s;
}

export function useApp<T>(selector: (s: AppState & AppActions) => T): T {
  return useStore(useAppStore(), selector);
}

/** These fields of the state, picked into one object. */
export function pickFields<S extends object, K extends keyof S>(state: S, keys: readonly K[]): Pick<S, K> {
  const out = {} as Pick<S, K>;
  for (const k of keys) out[k] = state[k];
  return out;
}

/**
 * Several fields of the app state in one call: `const { lang, layers } = useAppFields('lang', 'layers')`. The
 * component re-renders when any of them changes (a shallow compare), as with one `useApp` selector per field.
 */
export function useAppFields<K extends keyof (AppState & AppActions)>(...keys: K[]): Pick<AppState & AppActions, K> {
  return useStore(useAppStore(), useShallow((s) => pickFields(s, keys)));
}

/** A message table's lookup bound to the current language. */
export function useTranslator<K extends string>(lookup: (lang: Lang, key: K) => string): (key: K) => string {
  const lang = useApp((s) => s.lang);
  // one function per language, so that memoised renders can depend on it
  return useCallback((key: K) => lookup(lang, key), [lookup, lang]);
}

/** The translator for the current language. */
export function useT(): (key: MsgKey) => string {
  return useTranslator(t);
}

/** Things only the map can do (PNG, fit), handed in by the app. */
export interface MapApi {
  toPng(): Promise<Blob>;
  /** The view for a map sheet (src/ui/sheet). */
  sheetSource(focus?: [number, number]): Promise<SheetSource>;
  /** The view for a sheet of a scenario's site, shown over the layers whatever is drawn now; the map is restored after. */
  siteSheetSource(shapes: SiteShapes, focus?: [number, number]): Promise<SheetSource>;
}
export const MapApiContext = createContext<{ current: MapApi | null }>({ current: null });
