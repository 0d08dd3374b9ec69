/**
 * The protection targets table (保护任务, docs/targets-format.md — the CLI's `--targets` file) imported in the
 * browser: it replaces the manifest's table, shows its findings (file, row, field), and is kept by the workspace.
 */
import { FilePickButton } from './FilePickButton';
import { useApp, useAppStore } from './context';
import { colon, paren } from './format';

const TEXT = {
  zh: {
    title: '保护任务表',
    hint: 'CSV 或 JSON，列为 code, name, level, cultivated_mu, permanent_basic_mu（亩）',
    choose: '导入保护任务表',
    using: '正在使用',
    fromDemo: '演示数据自带的任务表',
    none: '未导入（只比较全国目标）',
    reset: '不再使用此表',
    regions: '问题',
  },
  en: {
    title: 'Protection targets',
    hint: 'CSV or JSON with the columns code, name, level, cultivated_mu, permanent_basic_mu (in mu)',
    choose: 'Import a targets table',
    using: 'In use',
    fromDemo: 'the demo’s own table',
    none: 'none (national targets only)',
    reset: 'Stop using this table',
    regions: 'problems',
  },
} as const;

export function TargetsImport() {
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.userTargets);
  const demo = useApp((s) => s.manifest?.targets);
  const findings = useApp((s) => s.targetFindings);
  const store = useAppStore();
  const t = TEXT[lang];
  return (
    <section className="targets-import" data-testid="targets-import" aria-labelledby="targets-import-h">
      <h3 id="targets-import-h">{t.title}</h3>
      <p className="muted">{t.hint}</p>
      <p>
        {t.using}
        {colon(lang)}
        <span data-testid="targets-file">{user ? user.file : demo ? `${t.fromDemo}${paren(demo, lang)}` : t.none}</span>
      </p>
      <FilePickButton
        accept=".csv,.json,text/csv,application/json"
        testId="targets-choose"
        inputTestId="targets-input"
        onFile={async (f) => store.getState().importTargets({ name: f.name, bytes: await f.arrayBuffer() })}
      >
        {t.choose}
      </FilePickButton>
      {user && (
        <button type="button" onClick={() => void store.getState().importTargets(undefined)} data-testid="targets-reset">
          {t.reset}
        </button>
      )}
      {findings.length > 0 && (
        <div className="report report-warn" role="status" data-testid="targets-findings">
          {findings.length} {t.regions}
          <ul className="findings">
            {findings.slice(0, 20).map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list is replaced whole
              <li key={i} className={f.severity}>
                {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
