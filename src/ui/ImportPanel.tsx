/** Import: drop or pick a file, choose its layer kind, read the validation report (errors block, warnings allow). */
import { useRef, useState } from 'react';
import { LAYER_KINDS } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import { useApp, useAppStore, useT } from './context';

export function ImportPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const report = useApp((s) => s.importReport);
  const progress = useApp((s) => s.progress);
  const { importFile } = useAppStore().getState();
  const [kind, setKind] = useState<LayerKind>('abandoned');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const take = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    await importFile({ name: f.name, bytes: await f.arrayBuffer() }, kind);
    if (input.current) input.current.value = '';
  };
  const errors = report?.findings.filter((f) => f.severity === 'error') ?? [];
  const warnings = report?.findings.filter((f) => f.severity === 'warning') ?? [];
  return (
    <section className="panel" aria-labelledby="import-h">
      <h2 id="import-h">{t('importTab')}</h2>
      <label className="field">
        <span>{t('layerKind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as LayerKind)} data-testid="import-kind">
          {LAYER_KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k[lang]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className={`dropzone${over ? ' is-over' : ''}`}
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer.files);
        }}
      >
        {t('importHint')}
      </button>
      <input ref={input} type="file" accept=".zip,.geojson,.json,application/zip,application/geo+json" hidden data-testid="import-input" onChange={(e) => void take(e.target.files)} />
      {progress && (
        <p className="muted" role="status">
          {t('progress')}：{progress.label} {progress.progress?.phase ?? ''}
        </p>
      )}
      {report && (
        <div className={`report ${report.blocked ? 'report-error' : warnings.length ? 'report-warn' : 'report-ok'}`} data-testid="import-report" data-blocked={String(report.blocked)} role="status">
          <strong>{report.blocked ? t('importBlocked') : warnings.length ? t('importWarn') : t('importOk')}</strong>：{report.file}
          <div className="muted">
            {errors.length} {t('errors')} · {warnings.length} {t('warnings')}
          </div>
          {report.findings.length > 0 && (
            <ul className="findings">
              {report.findings.slice(0, 50).map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list is replaced whole
                <li key={i} className={f.severity}>
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
