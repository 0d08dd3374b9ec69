/**
 * Server mode: files imported in the browser are drawn on the map, but the figures — statistics, targets, quality
 * indicators, inspect and the drawing's impact — are the province server's, computed from what it has loaded. The
 * imported files cannot enter them, so this notice names them and says so (in the UI's language), instead of
 * leaving a figure that silently leaves them out.
 */
import { useApp } from '../context';

export function ServerImportNotice() {
  const zh = useApp((s) => s.lang) === 'zh';
  const imported = useApp((s) => s.layers).filter((l) => l.origin === 'import');
  if (imported.length === 0) return null;
  const files = imported.map((l) => l.info.file).join(zh ? '、' : ', ');
  return (
    <div className="report report-warn" role="status" data-testid="server-import-notice">
      {zh
        ? `导入的文件（${files}）只显示在地图上，不计入服务器的统计、目标、质量指标、图斑查询和占用分析：这些数字只含服务器已入库的数据。要计入，请用 farmland db load 载入服务器。`
        : `Imported files (${files}) are shown on the map only: the statistics, targets, quality indicators, inspect and impact are the server’s and include only the data loaded there. To count them, load them into the server with farmland db load.`}
    </div>
  );
}
