/**
 * Under the import report (issue 16 §1, §3): the tables of a GeoPackage / File Geodatabase / multi-layer zip
 * (name, alias, count, CRS, recognised 三调 kind) with a button to import each, and what was detected for the
 * chosen one — CRS and encoding with the rule that decided each. Override them with the EPSG / encoding fields
 * above and "import again".
 */
import { layerKindInfo } from '../core/layers/kinds';
import type { ImportReport } from '../state/store';
import { paren } from './format';
import { oneLanguage } from './words/oneLanguage';

const TEXT = {
  zh: {
    tables: '文件中的图层',
    name: '名称',
    alias: '别名',
    count: '要素数',
    crs: '坐标系',
    kind: '识别为',
    pick: '导入此图层',
    current: '当前',
    detected: '识别结果',
    encoding: '编码',
    rule: '依据',
    overrideHint: '如不正确，可在上方指定坐标系 / 编码后重新导入。',
    fieldAliases: '字段别名',
    ask: '编码无法确定，请选择正确的文字显示：',
    keep: '保持',
    use: '改用',
    unknown: '未知',
  },
  en: {
    tables: 'Layers in the file',
    name: 'Name',
    alias: 'Alias',
    count: 'Features',
    crs: 'CRS',
    kind: 'Recognised as',
    pick: 'Import this layer',
    current: 'current',
    detected: 'Detected',
    encoding: 'Encoding',
    rule: 'rule',
    overrideHint: 'If wrong, set the CRS / encoding above and import again.',
    fieldAliases: 'Field aliases',
    ask: 'The encoding is uncertain; choose the one whose names read right:',
    keep: 'Keep',
    use: 'Use',
    unknown: 'unknown',
  },
} as const;

const CRS_RULE: Record<string, { zh: string; en: string }> = {
  option: { zh: '手动指定', en: 'given by you' },
  prj: { zh: '.prj 文件', en: 'the .prj file' },
  'geojson-crs': { zh: 'GeoJSON 的 crs', en: 'the GeoJSON "crs"' },
  rfc7946: { zh: 'GeoJSON 标准（WGS 84 经纬度）', en: 'GeoJSON standard (WGS 84 lon/lat)' },
  assumed: { zh: '推定（坐标像经纬度）', en: 'assumed (coordinates look like lon/lat)' },
  dataset: { zh: '数据库自带的坐标系定义', en: "the database's own CRS definition" },
};
const ENC_RULE: Record<string, { zh: string; en: string }> = {
  option: { zh: '手动指定', en: 'given by you' },
  cpg: { zh: '.cpg 文件', en: 'the .cpg file' },
  ldid: { zh: 'DBF 语言驱动字节', en: 'the DBF language-driver byte' },
  detected: { zh: '按内容识别', en: 'detected from the content' },
  format: { zh: '格式规定（Unicode）', en: 'fixed by the format (Unicode)' },
};

export function ImportDetails({
  report,
  lang,
  onPick,
  onEncoding,
}: {
  report: ImportReport;
  lang: 'zh' | 'en';
  onPick: (layerName: string) => void;
  /** Re-import with this encoding (the override control's action). */
  onEncoding?: (encoding: string) => void;
}) {
  const t = TEXT[lang];
  const d = report.detected;
  const aliases = d && report.tables?.find((tb) => tb.name === d.layer)?.fieldAliases;
  return (
    <>
      {report.tables && report.tables.length > 0 && (
        <div className="import-tables" data-testid="import-tables">
          <strong>{t.tables}</strong>
          <table>
            <thead>
              <tr>
                <th>{t.name}</th>
                <th>{t.alias}</th>
                <th>{t.count}</th>
                <th>{t.crs}</th>
                <th>{t.kind}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {report.tables.map((tb) => (
                <tr key={tb.name} data-testid={`import-table-${tb.name}`}>
                  <td>{tb.name}</td>
                  <td>{tb.alias ?? ''}</td>
                  <td>{tb.featureCount}</td>
                  <td>{tb.crs ?? t.unknown}</td>
                  <td>{tb.kind ? `${layerKindInfo(tb.kind)[lang]}${tb.standardTable ? ` (${tb.standardTable})` : ''}` : ''}</td>
                  <td>
                    {d?.layer === tb.name && !report.blocked ? (
                      <span className="muted">{t.current}</span>
                    ) : (
                      <button type="button" disabled={!tb.usable} onClick={() => onPick(tb.name)} data-testid={`import-pick-${tb.name}`}>
                        {t.pick}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d && (
        <div className="import-detected muted" data-testid="import-detected">
          <strong>{t.detected}</strong> · {d.layer}
          <div data-testid="import-detected-crs">
            {t.crs}: {d.crs ? `${d.crs.epsg !== undefined ? `EPSG:${d.crs.epsg} ` : ''}${d.crs.name}` : t.unknown}
            {d.crs && ` — ${t.rule}: ${CRS_RULE[d.crs.source]?.[lang] ?? d.crs.source}`}
          </div>
          <div data-testid="import-detected-encoding">
            {t.encoding}: {d.encoding ? d.encoding.encoding.toUpperCase() : t.unknown}
            {d.encoding && ` — ${t.rule}: ${ENC_RULE[d.encoding.source]?.[lang] ?? d.encoding.source}${paren(oneLanguage(d.encoding.detail, lang).text, lang)}`}
          </div>
          {d.encoding?.alternatives && d.encoding.source === 'detected' && onEncoding && (
            <div className="report report-warn" role="status" data-testid="import-encoding-ask">
              {t.ask}{' '}
              <span className="muted">
                {t.keep} {d.encoding.encoding.toUpperCase()}
              </span>{' '}
              {d.encoding.alternatives.map((e) => (
                <button key={e} type="button" onClick={() => onEncoding(e)} data-testid={`import-encoding-use-${e}`}>
                  {t.use} {e.toUpperCase()}
                </button>
              ))}
            </div>
          )}
          {aliases && (
            <div data-testid="import-field-aliases">
              {t.fieldAliases}: {Object.entries(aliases).map(([name, alias]) => `${name} ${alias}`).join(lang === 'zh' ? '；' : '; ')}
            </div>
          )}
          <div>{t.overrideHint}</div>
        </div>
      )}
    </>
  );
}
