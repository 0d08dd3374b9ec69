/**
 * The 变化 tab's export row: the shown result (its region and level) as JSON, CSV or XLSX — the files
 * `farmland change --json | --csv | --xlsx` writes, made by the same core writer in the worker. A failure is shown
 * beside the buttons, in the UI's language.
 */
import { useState } from 'react';
import { saveMade } from '../download';
import { oneLanguage } from '../words/oneLanguage';
import { useApp, useAppStore } from '../context';

const FORMATS = ['xlsx', 'csv', 'json'] as const;

export function ChangeExport() {
  const store = useAppStore();
  const lang = useApp((s) => s.lang);
  const zh = lang === 'zh';
  const [error, setError] = useState<string>();
  return (
    <div className="btn-row" data-testid="change-export">
      <span>{zh ? '导出变化报告' : 'Export the change report'}</span>
      {FORMATS.map((f) => (
        <button
          key={f}
          type="button"
          className="btn btn-ghost"
          data-testid={`change-export-${f}`}
          onClick={() => {
            setError(undefined);
            void saveMade(() => store.getState().exportChange(f), setError);
          }}
        >
          {f.toUpperCase()}
        </button>
      ))}
      {error && (
        <span role="alert">
          {zh ? '导出失败：' : 'Export failed: '}
          {oneLanguage(error, lang).text}
        </span>
      )}
    </div>
  );
}
