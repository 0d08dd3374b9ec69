/** 三区三线 conflicts from the engine (core/analysis/conflicts): each pair of layers with area, parcels and zoom-to. */
import { layerKindInfo } from '../core/layers/kinds';
import type { Summary } from '../worker/protocol';
import { useApp, useAppStore, useT } from './context';
import { areaAuto, num } from './format';

export function ConflictsPanel({ summary }: { summary: Summary }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const { fitTo } = useAppStore().getState();
  const conflicts = summary.conflicts ?? [];
  if (conflicts.length === 0) return null;
  return (
    <div className="conflicts" data-testid="conflicts">
      <h3>{t('conflicts')}</h3>
      <ul className="conflict-list">
        {conflicts.map((c) => {
          const title = `${layerKindInfo(c.a)[lang]} ∩ ${layerKindInfo(c.b)[lang]}`;
          return (
            <li key={`${c.a}|${c.b}`} className={c.areaM2 > 0 ? 'has-conflict' : 'no-conflict'} data-testid={`conflict-${c.a}-${c.b}`} data-m2={c.areaM2}>
              <div className="conflict-head">
                <span className="conflict-title">{title}</span>
                <span className="conflict-area">{c.areaM2 > 0 ? areaAuto(c.areaM2, lang) : t('noConflict')}</span>
              </div>
              {c.pairs.length > 0 && (
                <details>
                  <summary>
                    {num(c.pairs.length, lang)} {t('parcelPairs')}
                  </summary>
                  <ul className="pair-list">
                    {c.pairs.slice(0, 50).map((p) => (
                      <li key={`${p.aId}|${p.bId}`}>
                        <span className="muted">
                          {p.aId} × {p.bId}
                        </span>{' '}
                        {areaAuto(p.areaM2, lang)}{' '}
                        <button type="button" className="link-btn" onClick={() => fitTo(p.bbox)} aria-label={`${t('zoomTo')} ${p.aId} × ${p.bId}`}>
                          {t('zoomTo')}
                        </button>
                      </li>
                    ))}
                  </ul>
                  {c.pairs.length > 50 && <p className="muted">… {num(c.pairs.length - 50, lang)}</p>}
                </details>
              )}
              {c.failures.length > 0 && <p className="warn">{c.failures.length} ⚠</p>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
