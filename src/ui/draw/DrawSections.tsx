/** Sections of the draw panel: the full report, the balance and the ledger (scenarios: ScenariosSection.tsx). */
import type { LedgerReport } from '../../core/analysis/ledger';
import { layerKindInfo } from '../../core/layers/kinds';
import type { SessionState } from '../../state/draw/drawSession';
import { UNKNOWN_REGION } from '../../state/scenarios/types';
import type { Lang } from '../../state/store';
import type { FullImpact } from '../../worker/impactProtocol';
import { landLabel, parcelCount, useDT } from './drawI18n';
import { fmtMu, fmtNum, signed } from './fmt';
import { layerDisplayName } from '../layerName';
import { clauseJoin, colon, listJoin, paren, yuan } from '../format';
import { reportWords, verdictName } from '../sheet/reportWords';
import { oneLanguage } from '../words/oneLanguage';

type Buckets = Record<string, { areaM2: number; areaMu: number; parcels: number }>;

function BucketList({ title, buckets, label, lang }: { title: string; buckets: Buckets; label: (k: string) => string; lang: Lang }) {
  const keys = Object.keys(buckets);
  if (!keys.length) return null;
  return (
    <div className="draw-buckets">
      <span className="muted">
        {title}
        {colon(lang)}
      </span>
      {keys.map((k) => (
        <span key={k} className="bucket">
          {label(k)} {fmtMu(buckets[k].areaMu, 2)}
        </span>
      ))}
    </div>
  );
}

export function ReportSection({ full, lang, busy }: { full: FullImpact; lang: Lang; busy: boolean }) {
  const t = useDT();
  const r = full.report;
  const c = r.compensation;
  const f = r.flags;
  const flags: { key: string; text: string; cls: string }[] = [];
  if (f.permanentBasicOccupied) flags.push({ key: 'pbf', text: t('flagPbf'), cls: 'flag-red' });
  if (f.ecoRedlineCrossed) flags.push({ key: 'eco', text: t('flagEco'), cls: 'flag-red' });
  if (f.highStandardOccupied && f.highStandard) flags.push({ key: 'hs', text: `${t('flagHs')}${paren(`${fmtMu(f.highStandard.areaMu, 2)} ${t('mu')}${lang === 'zh' ? '，' : ', '}${parcelCount(lang, f.highStandard.parcels)}`, lang)}`, cls: 'flag-red' });
  if (f.outsideUrbanBoundary) flags.push({ key: 'urban', text: `${t('flagUrban')}${paren(`${fmtMu(((f.outsideUrbanAreaM2 ?? 0) * 3) / 2000, 2)} ${t('mu')}`, lang)}`, cls: 'flag-amber' });
  return (
    <section className={`draw-report${busy ? ' stale' : ''}`} data-testid="draw-report">
      <h3>{t('report')}</h3>
      <div data-testid="report-site" data-mu={r.siteAreaMu}>
        {t('siteArea')} <b>{fmtMu(r.siteAreaMu)}</b> {t('mu')} · {r.site.pieces} {t(r.site.pieces === 1 ? 'piece1' : 'piecesN')}
      </div>
      <h4>{t('flags')}</h4>
      <ul className="draw-flags" data-testid="report-flags">
        {flags.length ? (
          flags.map((x) => (
            <li key={x.key} className={x.cls} data-flag={x.key}>
              {x.text}
            </li>
          ))
        ) : (
          <li className="flag-ok">{t('flagNone')}</li>
        )}
        {f.notChecked.length > 0 && (
          <li className="muted">
            {listJoin(f.notChecked.map((k) => layerKindInfo(k)[lang]), lang)}
            {colon(lang)}
            {t('notChecked')}
          </li>
        )}
      </ul>
      {r.layers
        .filter((l) => l.parcels > 0)
        .map((l) => (
          <details key={`${l.kind}-${l.file}`} className="draw-layer" data-testid={`report-${l.kind}`} data-mu={l.areaMu}>
            <summary>
              {layerDisplayName(l.name, l.kind, lang)} <b>{fmtMu(l.areaMu)}</b> {t('mu')} · {parcelCount(lang, l.parcels)}
            </summary>
            <BucketList lang={lang} title={t('byLandClass')} buckets={l.byLandClass} label={(k) => landLabel(lang, k)} />
            <BucketList lang={lang} title={t('byGrade')} buckets={l.byGrade} label={(k) => (k === 'unknown' ? t('unknown') : `${k}${lang === 'zh' ? '等' : ''}`)} />
            <BucketList lang={lang} title={t('bySlope')} buckets={l.bySlope} label={(k) => (k === 'unknown' ? t('unknown') : `${k}${lang === 'zh' ? '级' : ''}`)} />
          </details>
        ))}
      <h4>{t('duty')}</h4>
      <table className="draw-table" data-testid="report-duty">
        <tbody>
          <tr>
            <td>
              {t('quantity')}
              {c.areaBasis !== undefined && <span className="muted">{paren(c.areaBasis === 'net' ? (lang === 'zh' ? '地类面积' : 'net') : lang === 'zh' ? '图斑面积' : 'polygon', lang)}</span>}
            </td>
            <td className="num" data-testid="duty-quantity" data-mu={c.quantityMu} data-basis={c.areaBasis}>
              {fmtMu(c.quantityMu)} {t('mu')}
            </td>
          </tr>
          <tr>
            <td>{t('quality')}</td>
            <td className="num">{c.qualityGrade === null ? '—' : `≤ ${fmtNum(c.qualityGrade, 2)}`}</td>
          </tr>
          <tr>
            <td>{t('capacity')}</td>
            <td className="num">{c.capacityKg === null ? '—' : `${fmtNum(c.capacityKg, 0)} kg`}</td>
          </tr>
          <tr>
            <td>{t('fee')}</td>
            <td className="num" data-testid="duty-fee" data-yuan={c.feeYuan}>
              {fmtNum(c.feeYuan, 0)} {yuan(lang)}
              <div className="muted small">
                {t('feeRate')} {fmtNum(c.feeRate, 0)} {yuan(lang)}/{t('mu')}
                {c.permanentBasicMu > 0 ? ` · ${layerKindInfo('permanent-basic')[lang]} ${fmtMu(c.permanentBasicMu, 2)} ${t('mu')} × ${c.pbfFeeMultiplier}` : ''}
              </div>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">{t('illustrative')}</p>
      <details data-testid="report-touched">
        <summary>
          {t('touched')} {full.touchedTotal}
          {full.touched.length < full.touchedTotal ? paren(t('touchedMore'), lang) : ''}
        </summary>
        <table className="draw-table small">
          <thead>
            <tr>
              <th>{t('siteLayer')}</th>
              <th>ID</th>
              <th>{t('grade')}</th>
              <th>{t('mu')}</th>
            </tr>
          </thead>
          <tbody>
            {full.touched.slice(0, 200).map((p) => (
              // (a province server's pid is the position in its county, repeated across counties: the id too)
              <tr key={`${p.layerKind}:${p.pid}:${p.id}`}>
                <td>{p.layerName}</td>
                <td>{p.id}</td>
                <td className="num">{p.gddj ?? '—'}</td>
                <td className="num">
                  {fmtMu((p.areaM2 * 3) / 2000, 2)}
                  {p.whole ? ' ●' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function BalanceSection({ s, lang }: { s: SessionState; lang: Lang }) {
  const t = useDT();
  const b = s.balance;
  if (!b)
    return (
      <section className="draw-balance">
        <h3>{t('compensation')}</h3>
        <p className="muted small">{t('compHint')}</p>
      </section>
    );
  const row = (label: string, c: { pass: boolean; required: number | null; provided: number | null; margin: number | null }, digits: number, unit: string, id: string) => (
    <tr data-testid={`balance-${id}`} data-pass={String(c.pass)} data-margin={c.margin ?? ''}>
      <td>{label}</td>
      <td className="num">{fmtNum(c.required, digits)}</td>
      <td className="num">{fmtNum(c.provided, digits)}</td>
      <td className="num">{signed(c.margin, digits)}</td>
      <td className={c.pass ? 'ok' : 'bad'}>
        {c.pass ? '✓' : '✗'} {t(c.pass ? 'pass' : 'fail')}
        <span className="muted"> {unit}</span>
      </td>
    </tr>
  );
  return (
    <section className="draw-balance" data-testid="draw-balance" data-pass={String(b.pass)} data-verdicts={b.verdicts.join(',')}>
      <h3>{t('compensation')}</h3>
      <table className="draw-table">
        <thead>
          <tr>
            <th />
            <th>{t('required')}</th>
            <th>{t('provided')}</th>
            <th>{t('margin')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {row(t('quantity'), b.quantity, 2, t('mu'), 'quantity')}
          {row(t('quality'), b.quality, 2, 'GDDJ', 'quality')}
          {row(t('capacity'), b.capacity, 0, 'kg', 'capacity')}
        </tbody>
      </table>
      <div className="small">
        {t('eligibility')}
        {colon(lang)}
        {t('eligibleMu')} {fmtMu(b.eligibility.eligibleMu, 2)} {t('mu')}
        {b.eligibility.ineligiblePieces.length > 0 && ` · ${t('ineligible')} ${listJoin(b.eligibility.ineligiblePieces, lang)}`}
      </div>
      {b.pieces
        .filter((p) => p.reasons.length)
        .map((p) => (
          <div key={p.id} className="small bad">
            {p.id}
            {colon(lang)}
            {clauseJoin(p.reasons.map((x) => oneLanguage(x, lang).text), lang)}
          </div>
        ))}
      <div className="small">
        {t('contiguity')}
        {colon(lang)}
        {b.contiguity.pieces} {t(b.contiguity.pieces === 1 ? 'piece1' : 'piecesN')} · {t('compactness')} {fmtNum(b.contiguity.compactness, 3)}
        {b.contiguity.reasons.length > 0 && ` · ${clauseJoin(b.contiguity.reasons.map((x) => oneLanguage(x, lang).text), lang)}`}
      </div>
      <div className={`draw-verdict ${b.pass ? 'ok' : 'bad'}`} data-testid="balance-verdict">
        {t('verdicts')}
        {colon(lang)}
        {b.pass ? t('balanced') : listJoin(b.verdicts.map((v) => verdictName(reportWords(lang), v)), lang)}
      </div>
      <span hidden>{lang}</span>
    </section>
  );
}

export function LedgerSection({ ledger }: { ledger?: LedgerReport }) {
  const t = useDT();
  return (
    <section className="draw-ledger" data-testid="draw-ledger">
      <h3>{t('ledger')}</h3>
      {!ledger ? (
        <p className="muted small">{t('noScenarios')}</p>
      ) : (
        <table className="draw-table small">
          <thead>
            <tr>
              <th>{t('region')}</th>
              <th>{t('year')}</th>
              <th>{t('supplemented')}</th>
              <th>{t('occupied')}</th>
              <th>{t('net')}</th>
              <th>{t('cap')}</th>
              <th>{t('remaining')}</th>
              <th>{t('nextCap')}</th>
            </tr>
          </thead>
          <tbody>
            {ledger.rows.map((r) => (
              <tr key={`${r.region}-${r.year}`} data-testid="ledger-row" data-year={r.year} data-next={r.nextYearCapMu} className={r.exceeded ? 'bad' : ''}>
                <td>{r.region === UNKNOWN_REGION ? `(${t('unknown')})` : r.region}</td>
                <td>{r.year}</td>
                <td className="num">{fmtMu(r.supplementedMu, 2)}</td>
                <td className="num">{fmtMu(r.occupiedMu, 2)}</td>
                <td className="num">{signed(r.netIncreaseMu, 2)}</td>
                <td className="num">{r.capMu === null ? '—' : fmtMu(r.capMu, 2)}</td>
                <td className="num">{r.remainingMu === null ? '—' : fmtMu(r.remainingMu, 2)}</td>
                <td className="num">{fmtMu(r.nextYearCapMu, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
