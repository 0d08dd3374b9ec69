/**
 * Where the workspace lives between visits: IndexedDB in the browser (ArrayBuffers stored as they are, no base64;
 * the origin's quota — measured in headless Chromium by test/e2e/workspace.test.ts — is a share of free disk, far
 * above localStorage's 5–10 MB), an in-memory slot in tests. One record, key "current".
 */
import { idbStores } from '../idbStores';
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

export function indexedDbWorkspaceStorage(factory: IDBFactory = indexedDB): WorkspaceStorage {
  const idb = idbStores(factory, DB, [{ name: STORE }]);
  return {
    get: () => idb.read(STORE, (os) => os.get('current') as IDBRequest<SavedWorkspace | undefined>),
    put: (ws) => idb.write(STORE, (os) => os.put(ws, 'current')),
    clear: () => idb.write(STORE, (os) => os.delete('current')),
  };
}
