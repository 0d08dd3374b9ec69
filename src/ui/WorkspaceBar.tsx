/**
 * The workspace (issue 16 §2): which workspace is shown (the demo, or the user's own data), the restore notice with
 * a way to remove what was saved, export to / open from one file, and the question asked when a file is imported
 * into the demo: start a new workspace, or add it to the demo's totals.
 */
import { FilePickButton } from './FilePickButton';
import { WORKSPACE_FILE_SUFFIX } from '../state/workspace/file';
import { useApp } from './context';
import { downloadBlob } from './download';
import { useWorkspace, useWorkspaceApi } from './workspaceContext';
import { useEscape } from './useEscape';

const TEXT = {
  zh: {
    workspace: '工作区',
    layers: '个导入图层',
    saved: '已保存在本机浏览器（IndexedDB），重新打开后自动恢复',
    export: '导出工作区文件',
    open: '打开工作区文件',
    remove: '移除已保存的工作区',
    dismiss: '知道了',
    askTitle: '导入到演示数据？',
    ask: '当前显示的是演示县的数据。新导入的图层要：',
    askNew: '新建工作区（只含我的数据，演示数据不计入合计）',
    askAdd: '添加到当前工作区（与演示数据一起计入合计）',
    cancel: '取消',
  },
  en: {
    workspace: 'Workspace',
    layers: 'imported layer(s)',
    saved: 'saved in this browser (IndexedDB), restored when you come back',
    export: 'Export workspace file',
    open: 'Open workspace file',
    remove: 'Remove the saved workspace',
    dismiss: 'OK',
    askTitle: 'Import into the demo?',
    ask: 'The demo county is shown. The new layer should:',
    askNew: 'Start a new workspace (only my data; the demo is left out of the totals)',
    askAdd: 'Be added to this workspace (counted in the totals with the demo)',
    cancel: 'Cancel',
  },
} as const;

export function WorkspaceBar() {
  const api = useWorkspaceApi();
  const lang = useApp((s) => s.lang);
  const kind = useWorkspace((s) => s.kind);
  const name = useWorkspace((s) => s.name);
  const count = useWorkspace((s) => s.imports.length) ?? 0;
  const notice = useWorkspace((s) => s.notice);
  const pending = useWorkspace((s) => s.pending);
  useEscape(Boolean(api && pending), () => void api?.store.getState().answer('cancel'));
  if (!api || !name) return null;
  const t = TEXT[lang];
  const ws = api.store.getState();
  return (
    <div className="workspace-bar" data-testid="workspace-bar" data-kind={kind}>
      <div>
        <strong>
          {t.workspace}
          {lang === 'zh' ? '：' : ': '}
          <span data-testid="workspace-name">{name[lang]}</span>
        </strong>
        <span className="muted">
          {' '}
          · <span data-testid="workspace-count">{count}</span> {t.layers}
          {count > 0 && ` · ${t.saved}`}
        </span>
      </div>
      {notice && (
        <div className={`report ${notice.tone === 'error' ? 'report-error' : 'report-ok'}`} role="status" data-testid="workspace-notice">
          {notice.text[lang]}{' '}
          <button type="button" onClick={() => ws.dismissNotice()} data-testid="workspace-dismiss">
            {t.dismiss}
          </button>
          {notice.restored && (
            <button type="button" onClick={() => void ws.clear(api.loadDemo)} data-testid="workspace-remove">
              {t.remove}
            </button>
          )}
        </div>
      )}
      <div className="workspace-actions">
        <button
          type="button"
          onClick={() => downloadBlob(new Blob([ws.exportFile() as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `workspace${WORKSPACE_FILE_SUFFIX}`)}
          data-testid="workspace-export"
        >
          {t.export}
        </button>
        <FilePickButton accept=".zip" testId="workspace-open" inputTestId="workspace-input" onFile={async (f) => ws.openFile(f.name, new Uint8Array(await f.arrayBuffer()), api.loadDemo)}>
          {t.open}
        </FilePickButton>
        {count > 0 && !notice?.restored && (
          <button type="button" onClick={() => void ws.clear(api.loadDemo)} data-testid="workspace-clear">
            {t.remove}
          </button>
        )}
      </div>
      {pending && (
        <div className="workspace-ask" role="dialog" aria-labelledby="ws-ask-h" data-testid="workspace-ask">
          <strong id="ws-ask-h">{t.askTitle}</strong>
          <p>
            {t.ask} <em>{pending.file.name}</em>
          </p>
          <button type="button" onClick={() => void ws.answer('new')} data-testid="workspace-new">
            {t.askNew}
          </button>
          <button type="button" onClick={() => void ws.answer('add')} data-testid="workspace-add">
            {t.askAdd}
          </button>
          <button type="button" onClick={() => void ws.answer('cancel')} data-testid="workspace-cancel">
            {t.cancel}
          </button>
        </div>
      )}
    </div>
  );
}
