/**
 * A small IndexedDB database (version 1) opened on first use, its object stores created on upgrade: reads resolve
 * with the request's result, writes once their transaction commits (rejecting on error or abort, e.g. the quota).
 * Shared by the scenario and the workspace storage.
 */
export interface IdbStores {
  read<T>(store: string, request: (os: IDBObjectStore) => IDBRequest<T>): Promise<T>;
  write(store: string, change: (os: IDBObjectStore) => void): Promise<void>;
}

export function idbStores(factory: IDBFactory, name: string, stores: readonly { name: string; keyPath?: string }[]): IdbStores {
  let dbp: Promise<IDBDatabase> | undefined;
  const db = () => {
    dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(name, 1);
      open.onupgradeneeded = () => {
        const d = open.result;
        for (const s of stores) if (!d.objectStoreNames.contains(s.name)) d.createObjectStore(s.name, s.keyPath ? { keyPath: s.keyPath } : undefined);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB unavailable'));
    });
    return dbp;
  };
  return {
    async read(store, request) {
      const r = request((await db()).transaction(store, 'readonly').objectStore(store));
      return new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
    },
    async write(store, change) {
      const t = (await db()).transaction(store, 'readwrite');
      change(t.objectStore(store));
      await new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onerror = () => reject(t.error ?? new Error('IndexedDB write failed'));
        t.onabort = () => reject(t.error ?? new Error('IndexedDB write aborted (quota?)'));
      });
    },
  };
}
