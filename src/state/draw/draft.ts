/**
 * Autosave of the drawing: the finished shapes, the shape still being drawn (its placed vertices, mode and role)
 * and the scenario it belongs to, written as the draft whenever the drawing says it is worth it and only when it
 * changed; and the restore after a reload or a crashed tab, the unfinished shape ready to go on.
 */
import type { ScenarioStore } from '../scenarios/scenarioStore';
import type { Draft } from '../scenarios/types';
import type { DrawPort } from './port';

export interface DraftKeeper {
  /** Write the drawing as the draft when it changed (finished shapes as they are now — mid-edit too — and the unfinished one). */
  save(meta: { scenarioId?: string; name: string }): Promise<void>;
  /**
   * Bring the autosaved drawing back into the port; nothing is written meanwhile. Returns what was restored (the
   * scenario it belongs to, and whether a shape being drawn came back), or undefined when there was no draft.
   */
  restore(onMeta: (meta: { scenarioId?: string; name: string }) => void): { resumed: boolean } | undefined;
}

export function draftKeeper(port: DrawPort, scenarios: ScenarioStore): DraftKeeper {
  // the draft as last written (JSON), and whether a restore is under way
  let lastDraft = '';
  let restoring = false;
  return {
    save(meta) {
      if (restoring) return Promise.resolve();
      const { site, supplements } = port.getSnapshot();
      const inProgress = port.getInProgress();
      const d: Omit<Draft, 'savedAt'> = { site, supplements, scenarioId: meta.scenarioId, name: meta.name, ...(inProgress ? { inProgress } : {}) };
      const json = JSON.stringify(d);
      if (json === lastDraft) return Promise.resolve();
      lastDraft = json;
      return scenarios.getState().setDraft(d);
    },
    restore(onMeta) {
      const draft = scenarios.getState().draft;
      if (!draft || !(draft.site.length || draft.supplements.length || draft.inProgress?.coordinates.length)) return undefined;
      let resumed = false;
      restoring = true;
      try {
        onMeta({ scenarioId: draft.scenarioId, name: draft.name ?? '' });
        port.load({ site: draft.site ?? [], supplements: draft.supplements ?? [] });
        if (draft.inProgress?.coordinates.length) {
          port.resume(draft.inProgress);
          resumed = true;
        }
      } catch (err) {
        console.error('draft restore failed', err);
      } finally {
        restoring = false;
      }
      return { resumed };
    },
  };
}
