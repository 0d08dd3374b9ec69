/** React access to the workspace controller (src/state/workspace/workspace.ts), provided by src/app. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { WorkspaceActions, WorkspaceState, WorkspaceStore } from '../state/workspace/workspace';

export interface WorkspaceApi {
  store: WorkspaceStore;
  loadDemo: () => Promise<void>;
}

export const WorkspaceContext = createContext<WorkspaceApi | null>(null);

/** The workspace controller and the demo loader, or null where no workspace is wired (tests of single panels). */
export function useWorkspaceApi(): WorkspaceApi | null {
  return useContext(WorkspaceContext);
}

// a store that never changes stands in when there is no workspace, so the hook order stays fixed
const NULL_STORE = createStore(() => ({}));

/** Select from the workspace state; undefined without a workspace. */
export function useWorkspace<T>(selector: (s: WorkspaceState & WorkspaceActions) => T): T | undefined {
  const api = useContext(WorkspaceContext);
  return useStore((api?.store ?? NULL_STORE) as WorkspaceStore, (s) => (api ? selector(s) : undefined));
}
