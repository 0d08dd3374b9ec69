/**
 * One file of the 变化 tab (a vintage, a 高标准农田 layer, a change layer): a button like the 导入 tab's and the name
 * of the file chosen. The browser's own file input read "Choose File / No file chosen" in the browser's language,
 * whatever the app's.
 */
import type { Lang } from '../../state/store';
import { FilePickButton } from '../FilePickButton';

export const CHANGE_FILE_ACCEPT = '.geojson,.json,.zip,.shp,.gz,.fpk';

export function FileSlot({ label, testId, file, lang, onFile }: { label: string; testId: string; file: File | undefined; lang: Lang; onFile: (f: File) => void }) {
  return (
    <div className="file-slot">
      <span>{label}</span>{' '}
      <FilePickButton accept={CHANGE_FILE_ACCEPT} testId={`${testId}-pick`} inputTestId={testId} onFile={async (f) => onFile(f)}>
        {lang === 'zh' ? '选择文件' : 'Choose file'}
      </FilePickButton>{' '}
      <span className="muted" data-testid={`${testId}-name`}>
        {file?.name ?? (lang === 'zh' ? '未选择文件' : 'No file chosen')}
      </span>
    </div>
  );
}
