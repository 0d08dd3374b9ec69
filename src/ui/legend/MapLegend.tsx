/**
 * The legend on the map (issue 18 §6): what is drawn right now — the visible layers top first, the 耕地 grade or
 * slope classes when the map is coloured so, and the drawn site and supplement while a drawing exists. Collapsible;
 * the choice is kept for the session. The map sheet (src/ui/sheet) draws the same entries from `legendEntries`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DrawSession } from '../../state/draw/drawSession';
import { useApp } from '../context';
import { type LegendEntry, legendEntries } from './entries';

const noop = () => () => {};
function useDrawCounts(session: DrawSession | undefined): { site: number; supplements: number } {
  const site = useSyncExternalStore(session ? session.subscribe : noop, () => session?.getState().site.length ?? 0);
  const supplements = useSyncExternalStore(session ? session.subscribe : noop, () => session?.getState().supplements.length ?? 0);
  return { site, supplements };
}

export function Swatch({ e }: { e: LegendEntry }) {
  if (e.shape === 'line') return <span className="lg-swatch lg-line" style={{ borderColor: e.color }} aria-hidden="true" />;
  if (e.shape === 'outline') return <span className="lg-swatch lg-outline" style={{ borderColor: e.color, background: e.fill }} aria-hidden="true" />;
  return <span className="lg-swatch" style={{ background: e.color, opacity: e.opacity ?? 1 }} aria-hidden="true" />;
}

export function MapLegend() {
  const lang = useApp((s) => s.lang);
  const layers = useApp((s) => s.layers);
  const style = useApp((s) => s.settings.cultivatedStyle);
  const session = useApp((s) => s.drawSession);
  const drawn = useDrawCounts(session);
  // collapsed by default on a narrow screen, where the legend would cover the map
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= 700);
  useEffect(() => {
    const saved = sessionStorage.getItem('legendOpen');
    if (saved !== null) setOpen(saved === '1');
  }, []);
  const toggle = () => {
    setOpen(!open);
    sessionStorage.setItem('legendOpen', open ? '0' : '1');
  };
  const groups = legendEntries({ layers, style, lang, drawn });
  const title = lang === 'zh' ? '图例' : 'Legend';
  return (
    <section className={`map-legend${open ? ' is-open' : ''}`} aria-label={title} data-testid="map-legend">
      <button type="button" className="lg-toggle" aria-expanded={open} aria-controls="map-legend-body" onClick={toggle} data-testid="legend-toggle">
        {title} <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open && (
        <div id="map-legend-body" className="lg-body">
          {groups.map((g) => (
            <div key={g.title} className="lg-group">
              {groups.length > 1 && <div className="lg-title">{g.title}</div>}
              <ul>
                {g.entries.map((e) => (
                  <li key={e.key} data-testid={`legend-${e.key}`}>
                    <Swatch e={e} />
                    <span>{e.label}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
