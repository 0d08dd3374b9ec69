/**
 * Where scenarios and the autosaved drawing live: IndexedDB in the browser (survives a reload and a crashed tab),
 * an in-memory map in tests. The store only sees this interface.
 */
import { idbStores } from '../idbStores';
import type { Draft, Scenario } from './types';

export interface ScenarioStorage {
  list(): Promise<Scenario[]>;
  put(s: Scenario): Promise<void>;
  remove(id: string): Promise<void>;
  getDraft(): Promise<Draft | undefined>;
  /** undefined clears the draft. */
  putDraft(d: Draft | undefined): Promise<void>;
}

/** Values are structured-cloned on the way in and out, as IndexedDB does. */
export function memoryStorage(): ScenarioStorage & { scenarios: Map<string, Scenario> } {
  const scenarios = new Map<string, Scenario>();
  let draft: Draft | undefined;
  return {
    scenarios,
    async list() {
      return [...scenarios.values()].map((s) => structuredClone(s));
    },
    async put(s) {
      scenarios.set(s.id, structuredClone(s));
    },
    async remove(id) {
      scenarios.delete(id);
    },
    async getDraft() {
      return draft && structuredClone(draft);
    },
    async putDraft(d) {
      draft = d && structuredClone(d);
    },
  };
}

const DB = 'farmland-atlas-scenarios';
const SCENARIOS = 'scenarios';
const DRAFT = 'draft';

/** IndexedDB: one store of scenarios (key: id) and one of the draft (key: "current"). */
export function indexedDbStorage(factory: IDBFactory = indexedDB): ScenarioStorage {
  const idb = idbStores(factory, DB, [{ name: SCENARIOS, keyPath: 'id' }, { name: DRAFT }]);
  return {
    list: () => idb.read(SCENARIOS, (os) => os.getAll() as IDBRequest<Scenario[]>),
    put: (s) => idb.write(SCENARIOS, (os) => os.put(s)),
    remove: (id) => idb.write(SCENARIOS, (os) => os.delete(id)),
    getDraft: () => idb.read(DRAFT, (os) => os.get('current') as IDBRequest<Draft | undefined>),
    putDraft: (d) => idb.write(DRAFT, (os) => (d ? os.put(d, 'current') : os.delete('current'))),
  };
}
