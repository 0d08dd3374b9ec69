/**
 * Where the workspace lives between visits: IndexedDB in the browser (ArrayBuffers stored as they are, no base64;
 * the origin's quota — measured in headless Chromium by test/e2e/workspace.test.ts — is a share of free disk, far
 * above localStorage's 5–10 MB), an in-memory slot in tests. One record, key "current".
 */
import type { SavedWorkspace } from './types';

export interface WorkspaceStorage {
  get(): Promise<SavedWorkspace | undefined>;
  put(ws: SavedWorkspace): Promise<void>;
  clear(): Promise<void>;
}

export function memoryWorkspaceStorage(): WorkspaceStorage & { current?: SavedWorkspace } {
  const s: WorkspaceStorage & { current?: SavedWorkspace } = {
    async get() {
      return s.current && structuredClone(s.current);
    },
    async put(ws) {
      s.current = structuredClone(ws);
    },
    async clear() {
      s.current = undefined;
    },
  };
  return s;
}

const DB = 'farmland-atlas-workspace';
const STORE = 'workspace';

const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

export function indexedDbWorkspaceStorage(factory: IDBFactory = indexedDB): WorkspaceStorage {
  let dbp: Promise<IDBDatabase> | undefined;
  const db = () => {
    dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(DB, 1);
      open.onupgradeneeded = () => {
        if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB unavailable'));
    });
    return dbp;
  };
  const write = async (f: (os: IDBObjectStore) => void) => {
    const t = (await db()).transaction(STORE, 'readwrite');
    f(t.objectStore(STORE));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB write failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB write aborted (quota?)'));
    });
  };
  return {
    async get() {
      return req((await db()).transaction(STORE, 'readonly').objectStore(STORE).get('current') as IDBRequest<SavedWorkspace | undefined>);
    },
    put: (ws) => write((os) => os.put(ws, 'current')),
    clear: () => write((os) => os.delete('current')),
  };
}
