/** The layer list: legend colour, parcel count and area, visibility, opacity and order; 耕地 colouring choice. */
import { memo } from 'react';
import { layerKindInfo } from '../core/layers/kinds';
import { GRADE_COLORS, SLOPE_COLORS } from '../map/styles';
import type { CultivatedStyle, Lang, LayerEntry } from '../state/store';
import type { LayerStats } from '../worker/protocol';
import { useApp, useAppFields, useAppStore, useT } from './context';
import { areaAuto, methodShort, num } from './format';
import { layerDisplayName } from './layerName';
import { oneLanguage } from './words/oneLanguage';

/** Zoom to the layer: a frame's four corners around a dot (an extent), not a cross that reads as "remove". */
function ZoomToIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />
      <circle cx="8" cy="8" r="1.8" fill="currentColor" stroke="none" />
    </svg>
  );
}
/** Remove an imported layer: a waste bin. */
function RemoveIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.8 9.5h6.4L12 4M6.8 6.5v5M9.2 6.5v5" />
    </svg>
  );
}

export function LayerPanel() {
  const t = useT();
  const { lang, layers, stats, region } = useAppFields('lang', 'layers', 'stats', 'region');
  const method = useApp((s) => s.settings.areaMethod);
  const style = useApp((s) => s.settings.cultivatedStyle);
  const { setSettings } = useAppStore().getState();
  const top = [...layers].reverse();
  return (
    <section className="panel" aria-labelledby="layers-h">
      <h2 id="layers-h">{t('layers')}</h2>
      <p className="method-note">
        {t('areaMethod')}
        {lang === 'zh' ? '：' : ': '}
        {methodShort(method, lang)}
        {region ? ` · ${t('region')} ${region.code}` : ''}
      </p>
      <ul className="layer-list" data-testid="layer-list">
        {top.map((l, i) => (
          <LayerItem key={l.info.id} entry={l} stat={stats.find((x) => x.layerId === l.info.id)} lang={lang} first={i === 0} last={i === top.length - 1} />
        ))}
      </ul>
      <fieldset className="style-choice">
        <legend>{t('styleBy')}</legend>
        {(['kind', 'grade', 'slope'] as CultivatedStyle[]).map((v) => (
          <label key={v}>
            <input type="radio" name="cstyle" value={v} checked={style === v} onChange={() => setSettings({ cultivatedStyle: v })} />
            {t(v === 'kind' ? 'styleKind' : v === 'grade' ? 'styleGrade' : 'styleSlope')}
          </label>
        ))}
        {style !== 'kind' && (
          <div className="ramp">
            <span className="ramp-title">{t(style === 'grade' ? 'gradeLegend' : 'slopeLegend')}</span>
            {(style === 'grade' ? GRADE_COLORS : SLOPE_COLORS).map((c, i) => (
              <span key={c} className="ramp-step" style={{ background: c }}>
                {i + 1}
              </span>
            ))}
          </div>
        )}
      </fieldset>
    </section>
  );
}

/**
 * One row of the list. Memoised: toggling or fading one layer re-renders that row only (a new entry object), not
 * all of them; the store keeps the other entries' identities.
 */
const LayerItem = memo(function LayerItem({ entry: l, stat: st, lang, first, last }: { entry: LayerEntry; stat: LayerStats | undefined; lang: Lang; first: boolean; last: boolean }) {
  const t = useT();
  const { setVisible, setOpacity, moveLayer, fitTo, removeLayer, setInTotals } = useAppStore().getState();
  const info = layerKindInfo(l.info.kind);
  const name = layerDisplayName(l.info.name, l.info.kind, lang);
  const errors = l.findings.filter((f) => f.severity === 'error').length;
  const warnings = l.findings.length - errors;
  return (
    <li className={`layer-item${l.visible ? '' : ' is-hidden'}`} data-layer-id={l.info.id}>
      <div className="layer-row">
        <label className="layer-toggle">
          <input type="checkbox" checked={l.visible} onChange={(e) => setVisible(l.info.id, e.target.checked)} data-testid={`toggle-${l.info.id}`} />
          <span
            className={`swatch${info.role === 'boundary' ? ' swatch-line' : ''}`}
            style={info.role === 'boundary' ? { borderColor: info.color } : { background: info.color }}
            aria-hidden="true"
          />
          <span className="layer-name">{name}</span>
        </label>
        <span className="layer-order">
          <button type="button" aria-label={`${t('moveUp')} ${name}`} disabled={first} onClick={() => moveLayer(l.info.id, 1)}>
            ↑
          </button>
          <button type="button" aria-label={`${t('moveDown')} ${name}`} disabled={last} onClick={() => moveLayer(l.info.id, -1)}>
            ↓
          </button>
          <button type="button" aria-label={`${t('zoomTo')} ${name}`} title={t('zoomTo')} data-testid={`zoom-${l.info.id}`} onClick={() => fitTo(l.info.bbox)}>
            <ZoomToIcon />
          </button>
          {l.origin === 'import' && (
            <button type="button" className="danger" aria-label={`${t('remove')} ${name}`} title={t('remove')} data-testid={`remove-${l.info.id}`} onClick={() => void removeLayer(l.info.id)}>
              <RemoveIcon />
            </button>
          )}
        </span>
      </div>
      <div className="layer-meta">
        <span data-testid={`count-${l.info.id}`}>
          {num(st?.count ?? l.info.count, lang)} {t('parcels')}
        </span>
        <span className="layer-area" data-testid={`area-${l.info.id}`}>
          {areaAuto(st?.areaM2 ?? l.info.grossAreaM2, lang)}
        </span>
        {info.role === 'boundary' && <span className="tag">{t('redLine')}</span>}
        {errors + warnings > 0 && (
          <span className={`tag ${errors ? 'tag-error' : 'tag-warn'}`} title={l.findings.slice(0, 5).map((f) => oneLanguage(f.message, lang).text).join('\n')}>
            {errors ? `${errors} ${t('errors')}` : `${warnings} ${t('warnings')}`}
          </span>
        )}
      </div>
      <label className="in-totals">
        <input type="checkbox" checked={l.inTotals !== false} onChange={(e) => void setInTotals(l.info.id, e.target.checked)} data-testid={`intotals-${l.info.id}`} />
        <span>{lang === 'zh' ? '计入本县合计' : 'Count in my county'}</span>
      </label>
      <label className="opacity">
        <span>{t('opacity')}</span>
        <input
          type="range"
          min={0}
          max={100}
          value={Math.round(l.opacity * 100)}
          onChange={(e) => setOpacity(l.info.id, Number(e.target.value) / 100)}
          aria-label={`${t('opacity')} ${name}`}
        />
      </label>
    </li>
  );
});
