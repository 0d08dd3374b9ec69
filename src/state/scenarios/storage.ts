/**
 * Where scenarios and the autosaved drawing live: IndexedDB in the browser (survives a reload and a crashed tab),
 * an in-memory map in tests. The store only sees this interface.
 */
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

const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

/** IndexedDB: one store of scenarios (key: id) and one of the draft (key: "current"). */
export function indexedDbStorage(factory: IDBFactory = indexedDB): ScenarioStorage {
  let dbp: Promise<IDBDatabase> | undefined;
  const db = () => {
    dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(DB, 1);
      open.onupgradeneeded = () => {
        const d = open.result;
        if (!d.objectStoreNames.contains(SCENARIOS)) d.createObjectStore(SCENARIOS, { keyPath: 'id' });
        if (!d.objectStoreNames.contains(DRAFT)) d.createObjectStore(DRAFT);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB unavailable'));
    });
    return dbp;
  };
  const tx = async (store: string, mode: IDBTransactionMode) => (await db()).transaction(store, mode).objectStore(store);
  const done = (t: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB write failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB write aborted'));
    });
  return {
    async list() {
      return req((await tx(SCENARIOS, 'readonly')).getAll() as IDBRequest<Scenario[]>);
    },
    async put(s) {
      const os = await tx(SCENARIOS, 'readwrite');
      os.put(s);
      await done(os.transaction);
    },
    async remove(id) {
      const os = await tx(SCENARIOS, 'readwrite');
      os.delete(id);
      await done(os.transaction);
    },
    async getDraft() {
      return req((await tx(DRAFT, 'readonly')).get('current') as IDBRequest<Draft | undefined>);
    },
    async putDraft(d) {
      const os = await tx(DRAFT, 'readwrite');
      if (d) os.put(d, 'current');
      else os.delete('current');
      await done(os.transaction);
    },
  };
}
