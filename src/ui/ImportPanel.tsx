/**
 * Import: drop or pick a file, choose its layer kind (or let the fields tell it), optionally an EPSG code, an
 * attribute encoding and a field mapping; read the validation report (errors block, warnings allow).
 */
import { useRef, useState } from 'react';
import { FIELD_LABELS_ZH } from '../core/io/fieldLabels';
import { LAYER_KINDS } from '../core/layers/kinds';
import { standardFieldName } from '../core/layers/fields';
import type { FieldMapping } from '../core/layers/layer';
import type { LayerKind } from '../core/types';
import type { ImportOptions } from '../state/store';
import { useApp, useAppStore, useT } from './context';
import { ImportDetails } from './ImportDetails';
import { TargetsImport } from './TargetsImport';
import { useWorkspaceApi } from './workspaceContext';
import { colon } from './format';
import { oneLanguage } from './words/oneLanguage';

/** The attributes a user most often has to map by hand, each shown with its standard field name. */
const MAPPABLE = (['id', 'dlbm', 'tbmj', 'gddj', 'gdpdjb', 'zldwdm', 'yjjbnttbmj'] as const satisfies readonly (keyof NonNullable<FieldMapping>)[]).map((attr) => ({
  attr,
  field: standardFieldName(attr),
}));

const ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'big5', 'windows-1252', 'windows-1250'];

export function ImportPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const report = useApp((s) => s.importReport);
  const progress = useApp((s) => s.progress);
  const appImport = useAppStore().getState().importFile;
  const workspace = useWorkspaceApi();
  // through the workspace when there is one: it keeps the file for the next visit and asks about the demo
  const importFile = async (file: { name: string; bytes: ArrayBuffer }, k: LayerKind | 'auto', o: ImportOptions) =>
    workspace ? workspace.store.getState().importFile(file, k, o) : appImport(file, k, o);
  const removeLayer = useAppStore().getState().removeLayer;
  const [kind, setKind] = useState<LayerKind | 'auto'>('auto');
  const [epsg, setEpsg] = useState('');
  const [encoding, setEncoding] = useState('');
  const [densify, setDensify] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [over, setOver] = useState(false);
  const lastFile = useRef<File | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  const options = (): ImportOptions => {
    const code = Number.parseInt(epsg.trim(), 10);
    const densifyM = Number(densify.trim());
    const map = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== '')) as FieldMapping;
    return {
      ...(Number.isFinite(code) && code > 0 ? { epsg: code } : {}),
      ...(encoding ? { encoding } : {}),
      ...(densify.trim() !== '' && Number.isFinite(densifyM) && densifyM > 0 ? { densifyM } : {}),
      ...(map && Object.keys(map).length ? { mapping: map } : {}),
    };
  };
  /** `replaces`: the layer this attempt re-reads with overrides (dropped once the new reading is in, kept if it fails). */
  const run = async (f: File, layerName?: string, replaces?: string, override: ImportOptions = {}) => {
    lastFile.current = f;
    // the bytes are transferred to the worker: read them afresh for each attempt
    const r = await importFile({ name: f.name, bytes: await f.arrayBuffer() }, kind, { ...options(), ...(layerName ? { layerName } : {}), ...override });
    if (r && !r.blocked && replaces && r.layerId !== replaces) await removeLayer(replaces);
  };
  const take = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    setMapping({});
    await run(f);
    if (input.current) input.current.value = '';
  };
  const errors = report?.findings.filter((f) => f.severity === 'error') ?? [];
  const warnings = report?.findings.filter((f) => f.severity === 'warning') ?? [];
  return (
    <section className="panel" aria-labelledby="import-h">
      <h2 id="import-h">{t('importTab')}</h2>
      <label className="field">
        <span>{t('layerKind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as LayerKind | 'auto')} data-testid="import-kind" aria-invalid={report?.needsKind ? true : undefined}>
          <option value="auto">{t('kindAuto')}</option>
          {LAYER_KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k[lang]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('epsgLabel')}</span>
        <input inputMode="numeric" pattern="[0-9]*" value={epsg} placeholder={t('epsgPlaceholder')} onChange={(e) => setEpsg(e.target.value)} data-testid="import-epsg" />
      </label>
      <label className="field">
        <span>{t('encodingLabel')}</span>
        <select value={encoding} onChange={(e) => setEncoding(e.target.value)} data-testid="import-encoding">
          <option value="">{t('encodingAuto')}</option>
          {ENCODINGS.map((e) => (
            <option key={e} value={e}>
              {e.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('densifyLabel')}</span>
        <input inputMode="decimal" value={densify} placeholder={t('densifyPlaceholder')} onChange={(e) => setDensify(e.target.value)} data-testid="import-densify" aria-invalid={densify.trim() !== '' && !(Number(densify) > 0) ? true : undefined} />
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
      <input ref={input} type="file" accept=".zip,.shp,.geojson,.json,.gpkg,.gz,.fpk,application/zip,application/geo+json,application/geopackage+sqlite3" hidden data-testid="import-input" onChange={(e) => void take(e.target.files)} />
      {progress && (
        <p className="muted" role="status">
          {t('progress')}
          {colon(lang)}
          {progress.label} {progress.progress?.phase ?? ''}
        </p>
      )}
      {report && (
        <div className={`report ${report.blocked ? 'report-error' : warnings.length ? 'report-warn' : 'report-ok'}`} data-testid="import-report" data-blocked={String(report.blocked)} role="status">
          <strong>{report.blocked ? t('importBlocked') : warnings.length ? t('importWarn') : t('importOk')}</strong>
          {colon(lang)}
          {report.file}
          {report.kind && <span className="muted"> · {LAYER_KINDS.find((k) => k.id === report.kind)?.[lang]}</span>}
          {report.needsKind && <p data-testid="import-needs-kind">{t('needsKind')}</p>}
          <div className="muted">
            {errors.length} {t('errors')} · {warnings.length} {t('warnings')}
          </div>
          {report.findings.length > 0 && (
            <ul className="findings">
              {report.findings.slice(0, 50).map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list is replaced whole
                <li key={i} className={f.severity} title={oneLanguage(f.message, lang).other}>
                  {oneLanguage(f.message, lang).text}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {report && (
        <ImportDetails
          report={report}
          lang={lang}
          onPick={(name) => lastFile.current && void run(lastFile.current, name)}
          onEncoding={(enc) => {
            // the asked choice is the override control's: set it there too, and re-import replacing this reading
            setEncoding(enc);
            if (lastFile.current) void run(lastFile.current, report.detected?.layer, report.layerId, { encoding: enc });
          }}
        />
      )}
      {report?.fields && report.fields.length > 0 && (
        <details className="mapping" data-testid="import-mapping" open={report.blocked || undefined}>
          <summary>{t('fieldMapping')}</summary>
          <p className="muted">{t('fieldMappingHint')}</p>
          {MAPPABLE.map(({ attr, field }) => (
            <label className="field" key={attr}>
              <span>
                {FIELD_LABELS_ZH[field] ?? field} ({field})
              </span>
              <select value={mapping[attr] ?? ''} onChange={(e) => setMapping({ ...mapping, [attr]: e.target.value })} data-testid={`map-${attr}`}>
                <option value="">{t('fieldNone')}</option>
                {report.fields?.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </details>
      )}
      {report && lastFile.current && (
        <button type="button" onClick={() => lastFile.current && void run(lastFile.current, report.detected?.layer, report.layerId)} data-testid="import-again">
          {t('reimport')}
        </button>
      )}
      <TargetsImport />
    </section>
  );
}
