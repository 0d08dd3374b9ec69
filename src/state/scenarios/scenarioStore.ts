/**
 * Scenarios of the drawing tools (zustand vanilla store, separate from the app store): named, saved, listed,
 * reopened, compared and deleted, persisted through a ScenarioStorage (IndexedDB in the browser). The drawing in
 * progress is autosaved as a draft on every change, so a reload or a crashed tab loses nothing drawn.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScenarioStorage } from './storage';
import type { Draft, DrawnFeature, Scenario, ScenarioFigures } from './types';

export interface ScenarioState {
  ready: boolean;
  scenarios: Scenario[];
  /** The drawing as last autosaved (restored at start). */
  draft?: Draft;
  /** Scenario ids ticked for side-by-side comparison. */
  compare: string[];
  error?: string;
}

export interface ScenarioActions {
  /** Read the list and the draft from storage. */
  init(): Promise<void>;
  /** Autosave the drawing in progress (awaitable; writes go out in order). */
  setDraft(d: Omit<Draft, 'savedAt'> | undefined): Promise<void>;
  /** Save (or overwrite, when `id` names a saved one) a scenario. */
  save(input: { id?: string; name: string; year: number; site: DrawnFeature[]; supplements: DrawnFeature[]; figures?: ScenarioFigures }): Promise<Scenario>;
  remove(id: string): Promise<void>;
  toggleCompare(id: string): void;
}

export type ScenarioStore = StoreApi<ScenarioState & ScenarioActions>;

const byName = (a: Scenario, b: Scenario) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name);

export function createScenarioStore(storage: ScenarioStorage, deps: { now?: () => Date; newId?: () => string } = {}): ScenarioStore {
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();
  let seq = 0;
  const newId = deps.newId ?? (() => `s-${Date.now().toString(36)}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 7)}`);
  // draft writes are chained so an older one never lands after a newer one
  let draftChain: Promise<void> = Promise.resolve();
  return createStore<ScenarioState & ScenarioActions>()((set, get) => ({
    ready: false,
    scenarios: [],
    compare: [],

    async init() {
      try {
        const [scenarios, draft] = await Promise.all([storage.list(), storage.getDraft()]);
        set({ scenarios: scenarios.sort(byName), draft, ready: true });
      } catch (err) {
        set({ ready: true, error: err instanceof Error ? err.message : String(err) });
      }
    },

    setDraft(d) {
      const draft: Draft | undefined = d && { ...d, savedAt: now() };
      set({ draft });
      draftChain = draftChain.then(() => storage.putDraft(draft)).catch((err) => set({ error: err instanceof Error ? err.message : String(err) }));
      return draftChain;
    },

    async save(input) {
      const existing = input.id ? get().scenarios.find((s) => s.id === input.id) : undefined;
      const t = now();
      const s: Scenario = {
        id: existing?.id ?? newId(),
        name: input.name.trim() || '未命名方案',
        createdAt: existing?.createdAt ?? t,
        updatedAt: t,
        year: input.year,
        site: input.site,
        supplements: input.supplements,
        ...(input.figures ? { figures: input.figures } : {}),
      };
      await storage.put(s);
      set((st) => ({ scenarios: [...st.scenarios.filter((x) => x.id !== s.id), s].sort(byName) }));
      return s;
    },

    async remove(id) {
      await storage.remove(id);
      set((st) => ({ scenarios: st.scenarios.filter((s) => s.id !== id), compare: st.compare.filter((c) => c !== id) }));
    },

    toggleCompare(id) {
      set((st) => ({ compare: st.compare.includes(id) ? st.compare.filter((c) => c !== id) : [...st.compare, id] }));
    },
  }));
}
