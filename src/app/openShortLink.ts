/**
 * Opening a short link (issue 18 §4, state/scenarios/shortLink.ts): `#s=<scenarioId>` opens a saved scenario of this
 * browser's workspace (IndexedDB) — its site and supplements, the map fitted to them. A full link (linkState.ts)
 * cannot carry imported layers nor a large drawing; a short one can, but only where the scenario was saved: when the
 * id is not found here the draw panel says so plainly. The hash is dropped once handled, so that a reload does not
 * reopen the scenario over later edits.
 */
import type { AppStore } from '../state/store';
import { shapesBBox } from '../map/reportSite';

/** Open the scenario `id` once the drawing session has started (the saved scenarios are loaded by then). */
export function applyShortLink(store: AppStore, id: string, dropHash: () => void = () => undefined): void {
  let done = false;
  const tryApply = (s: ReturnType<AppStore['getState']>) => {
    if (done || !s.drawSession || !s.scenarioStore) return;
    done = true;
    queueMicrotask(() => off());
    const session = s.drawSession;
    const x = s.scenarioStore.getState().scenarios.find((sc) => sc.id === id);
    if (x) {
      session.getState().openScenario(x);
      const box = shapesBBox([...x.site, ...x.supplements].map((f) => f.geometry));
      if (box) s.fitTo(box);
    }
    session.setState({ message: x ? 'linkOpened' : 'linkMissing' });
    dropHash();
  };
  const off = store.subscribe((s) => tryApply(s));
  tryApply(store.getState());
}
