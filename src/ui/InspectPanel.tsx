/** Attributes of the clicked parcel(s): Chinese field names, computed ellipsoidal area beside the declared TBMJ. */
import type { ReactNode } from 'react';
import { FIELD_LABELS_ZH } from '../core/io/fieldLabels';
import { layerKindInfo } from '../core/layers/kinds';
import type { InspectHit } from '../worker/protocol';
import { useApp, useAppStore, useT } from './context';
import { areaMu, num } from './format';
import { layerDisplayName } from './layerName';
import { dlbmName, gradeName, slopeName } from './words/codeNames';
import { useEscape } from './useEscape';

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One term of the parcel's description list. */
function Entry(props: { label: string; className?: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd className={props.className}>{props.children}</dd>
    </>
  );
}

function Hit({ hit }: { hit: InspectHit }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const method = useApp((s) => s.settings.areaMethod);
  const info = layerKindInfo(hit.kind);
  const diff = hit.declaredM2 !== undefined ? hit.declaredM2 - hit.areaEllipsoidalM2 : undefined;
  const props = Object.entries(hit.props).filter(([k]) => k !== '__pid');
  return (
    <article className="hit" data-testid="inspect-hit" data-layer-id={hit.layerId} data-area-m2={hit.areaEllipsoidalM2}>
      <header>
        <span className={`swatch${info.role === 'boundary' ? ' swatch-line' : ''}`} style={info.role === 'boundary' ? { borderColor: info.color } : { background: info.color }} aria-hidden="true" />
        <strong>{layerDisplayName(hit.layerName, hit.kind, lang)}</strong> <span className="muted">#{hit.id}</span>
      </header>
      <dl className="kv">
        <dt>{t('computedArea')}</dt>
        <dd data-testid="inspect-area">{areaMu(hit.areaEllipsoidalM2, lang)}</dd>
        {method === 'spherical' && <Entry label={t('sphericalArea')}>{areaMu(hit.areaSphericalM2, lang)}</Entry>}
        {hit.declaredM2 !== undefined && (
          <>
            <Entry label={`${t('declaredArea')}${lang === 'zh' ? `（${hit.declaredField}）` : ` (${hit.declaredField})`}`}>
              {areaMu(hit.declaredM2, lang)} <span className="muted nowrap">({num(hit.declaredM2, lang, 0)} m²)</span>
            </Entry>
            <Entry label={t('difference')} className={diff !== undefined && Math.abs(diff) > 0.01 * hit.areaEllipsoidalM2 ? 'warn' : undefined}>
              {areaMu(diff ?? 0, lang)} ({num((100 * (diff ?? 0)) / hit.areaEllipsoidalM2, lang, 3)}%)
            </Entry>
          </>
        )}
        {hit.dlbm && (
          <Entry label={t('landClass')}>
            {hit.dlbm} {dlbmName(hit.dlbm, lang)}
          </Entry>
        )}
        {hit.gddj !== undefined && <Entry label={t('grade')}>{gradeName(String(hit.gddj), lang)}</Entry>}
        {hit.gdpdjb !== undefined && <Entry label={t('slope')}>{slopeName(String(hit.gdpdjb), lang)}</Entry>}
        {(hit.zldwmc || hit.zldwdm) && (
          <Entry label={t('location')}>
            {hit.zldwmc ?? ''} <span className="muted">{hit.zldwdm ?? ''}</span>
          </Entry>
        )}
      </dl>
      <details>
        <summary>
          {t('attributes')} ({props.length})
        </summary>
        <table className="attr-table">
          <tbody>
            {props.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  {FIELD_LABELS_ZH[k.toUpperCase()] && lang === 'zh' ? `${FIELD_LABELS_ZH[k.toUpperCase()]} ` : ''}
                  <span className="muted">{k}</span>
                </th>
                <td>{text(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

export function InspectPanel() {
  const t = useT();
  const selection = useApp((s) => s.selection);
  const at = useApp((s) => s.selectionAt);
  const { clearSelection } = useAppStore().getState();
  useEscape(at !== undefined && at !== null, clearSelection);
  if (!at) return null;
  return (
    <aside className="inspect" aria-labelledby="inspect-h" data-testid="inspect">
      <header className="inspect-head">
        <h2 id="inspect-h">{t('inspect')}</h2>
        <button type="button" className="icon-btn" aria-label={t('close')} onClick={clearSelection}>
          ×
        </button>
      </header>
      {selection.length === 0 ? <p className="muted">{t('noHit')}</p> : selection.map((h) => <Hit key={`${h.layerId}:${h.pid}`} hit={h} />)}
    </aside>
  );
}
