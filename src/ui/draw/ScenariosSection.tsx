/** The draw panel's scenarios section: save, list, compare side by side, export, share a short link, delete. */
import { useContext, useState } from 'react';
import { useStore } from 'zustand';
import { layerKindInfo } from '../../core/layers/kinds';
import type { DrawSession } from '../../state/draw/drawSession';
import type { ScenarioStore } from '../../state/scenarios/scenarioStore';
import type { Scenario } from '../../state/scenarios/types';
import { MapApiContext, useApp, useAppStore } from '../context';
import { downloadBlob } from '../download';
import { openScenarioReport } from '../sheet/openScenarioReport';
import { shortLinkHref } from '../../state/scenarios/shortLink';
import { useDT } from './drawI18n';
import { fmtMu, fmtNum } from './fmt';
import { listJoin, paren, yuan } from '../format';
import { reportWords, verdictName } from '../sheet/reportWords';

export function ScenariosSection({ session, scenarios, exportOf }: { session: DrawSession; scenarios: ScenarioStore; exportOf: (s: Scenario) => Record<string, unknown> }) {
  const t = useDT();
  const s = useStore(session);
  const mapApi = useContext(MapApiContext);
  const appStore = useAppStore();
  const list = useStore(scenarios, (x) => x.scenarios);
  const compare = useStore(scenarios, (x) => x.compare);
  const [savedAt, setSavedAt] = useState<string>();
  // the short link last asked for: shown to copy by hand too (the clipboard may be refused)
  const [short, setShort] = useState<{ id: string; href: string; copied: boolean }>();
  const cmp = list.filter((x) => compare.includes(x.id));
  return (
    <section className="draw-scenarios" data-testid="draw-scenarios">
      <h3>{t('scenarios')}</h3>
      <div className="draw-row">
        <input placeholder={t('scenarioName')} value={s.name} onChange={(e) => s.setName(e.target.value)} data-testid="scenario-name" aria-label={t('scenarioName')} />
        <input type="number" className="year" value={s.year} onChange={(e) => s.setYear(Number(e.target.value) || new Date().getFullYear())} aria-label={t('year')} data-testid="scenario-year" />
        <button
          type="button"
          disabled={s.site.length === 0 || s.busy}
          onClick={async () => {
            const saved = await s.saveScenario();
            if (saved) setSavedAt(saved.updatedAt);
          }}
          data-testid="scenario-save"
        >
          {t('save')}
        </button>
        <button type="button" onClick={() => s.newScenario()} data-testid="scenario-new" title={t('newScenarioHint')}>
          {t('newScenario')}
        </button>
      </div>
      {savedAt && <div className="muted small">{t('saved')} {savedAt.slice(11, 19)}</div>}
      {list.length === 0 ? (
        <p className="muted small">{t('noScenarios')}</p>
      ) : (
        <ul className="draw-list">
          {list.map((x) => (
            <li key={x.id} data-testid="scenario-item" data-id={x.id} data-name={x.name} className={x.id === s.scenarioId ? 'current' : ''}>
              <label>
                <input type="checkbox" checked={compare.includes(x.id)} onChange={() => scenarios.getState().toggleCompare(x.id)} aria-label={t('compare')} />
              </label>
              <span className="name">{x.name}</span>
              <span className="muted small">
                {x.year} · {fmtMu(x.figures?.duty.quantityMu, 2)} {t('mu')}
              </span>
              <button type="button" className="link" onClick={() => s.openScenario(x)} data-testid="scenario-open">
                {t('open')}
              </button>
              <button
                type="button"
                className="link"
                onClick={() => downloadBlob(new Blob([`${JSON.stringify(exportOf(x), null, 1)}\n`], { type: 'application/geo+json' }), `${x.name || 'scenario'}.geojson`)}
                data-testid="scenario-export"
              >
                GeoJSON
              </button>
              <button type="button" className="link" onClick={() => openScenarioReport(x, session, mapApi.current, appStore)} data-testid="scenario-print">
                {t('printReport')}
              </button>
              <button
                type="button"
                className="link"
                title={t('copyLinkHint')}
                onClick={async () => {
                  const href = shortLinkHref(window.location.href, x.id);
                  let copied = false;
                  try {
                    await navigator.clipboard.writeText(href);
                    copied = true;
                  } catch {
                    // no clipboard permission: the link is shown below to copy by hand
                  }
                  setShort({ id: x.id, href, copied });
                }}
                data-testid="scenario-link"
              >
                {t('copyLink')}
              </button>
              <button
                type="button"
                className="link bad"
                onClick={async () => {
                  await scenarios.getState().remove(x.id);
                  await s.refreshLedger();
                }}
                data-testid="scenario-delete"
                aria-label={`${t('delete')} ${x.name}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {short && list.some((x) => x.id === short.id) && (
        <div className="draw-row small" data-testid="scenario-link-box">
          <input readOnly value={short.href} onFocus={(e) => e.target.select()} aria-label={t('copyLinkHint')} title={t('copyLinkHint')} data-testid="scenario-link-text" />
          {short.copied && <span className="muted">{t('linkCopied')}</span>}
        </div>
      )}
      {cmp.length >= 2 && <CompareTable list={cmp} />}
    </section>
  );
}

function CompareTable({ list }: { list: Scenario[] }) {
  const t = useDT();
  const lang = useApp((x) => x.lang);
  // [row key, label, text, raw value (data-value, for tests and copy-paste)]
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const rows: [string, string, (s: Scenario) => string, (s: Scenario) => string][] = [
    ['siteAreaMu', t('siteArea'), (s) => fmtMu(s.figures?.siteAreaMu, 2), (s) => num(s.figures?.siteAreaMu)],
    ['quantityMu', `${t('quantity')}${paren(t('mu'), lang)}`, (s) => fmtMu(s.figures?.duty.quantityMu, 2), (s) => num(s.figures?.duty.quantityMu)],
    ['qualityGrade', t('quality'), (s) => fmtNum(s.figures?.duty.qualityGrade, 2), (s) => num(s.figures?.duty.qualityGrade)],
    ['capacityKg', `${t('capacity')} kg`, (s) => fmtNum(s.figures?.duty.capacityKg, 0), (s) => num(s.figures?.duty.capacityKg)],
    ['feeYuan', `${t('fee')} ${yuan(lang)}`, (s) => fmtNum(s.figures?.duty.feeYuan, 0), (s) => num(s.figures?.duty.feeYuan)],
    ['permanentBasicMu', layerKindInfo('permanent-basic')[lang], (s) => fmtMu(s.figures?.duty.permanentBasicMu, 2), (s) => num(s.figures?.duty.permanentBasicMu)],
    ['flags', t('flags'), (s) => [s.figures?.flags.permanentBasicOccupied && 'PBF', s.figures?.flags.ecoRedlineCrossed && 'ECO', s.figures?.flags.outsideUrbanBoundary && 'URB'].filter(Boolean).join(' ') || '—', () => ''],
    ['verdict', t('verdicts'), (s) => (s.figures?.balance ? (s.figures.balance.pass ? t('pass') : listJoin(s.figures.balance.verdicts.map((v) => verdictName(reportWords(lang), v)), lang)) : '—'), () => ''],
  ];
  return (
    <table className="draw-table draw-compare" data-testid="scenario-compare">
      <thead>
        <tr>
          <th />
          {list.map((s) => (
            <th key={s.id} data-id={s.id}>
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label, f, raw]) => (
          <tr key={key} data-testid={`compare-${key}`}>
            <td>{label}</td>
            {list.map((s) => (
              <td key={s.id} className="num" data-id={s.id} data-value={raw(s)}>
                {f(s)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
