/**
 * A Shapefile's attributes: the .dbf read with its encoding decided (.cpg, language byte, sample: encoding.ts),
 * fields named and labelled, the record count checked against the .shp, unreadable values reported once per field.
 */
import type { Finding } from '../types';
import { type DbfIssue, dbfTextSample, nameFields, readDbfHeader, readDbfRecord } from './dbf';
import { decideEncoding, makeDecoder } from './encoding';
import { escapeControl } from './escapeControl';
import { FIELD_LABELS_ZH } from './fieldLabels';
import { guessKind } from './guessKind';
import { type ImportLayer, type ImportOptions, importErr as err, importWarn as warn } from './importTypes';
import type { NamedBytes } from './zip';

/**
 * Read the .dbf of a Shapefile group into one property object per record; sets the layer's encoding, fields and
 * guessed kind and pushes findings. No .dbf, or one that cannot be read: no properties (and a finding).
 */
export function readShapefileAttributes(
  file: string,
  g: Map<string, NamedBytes>,
  shp: { records: readonly unknown[]; error?: string },
  opts: ImportOptions,
  layer: ImportLayer,
  findings: Finding[],
): Record<string, unknown>[] {
  const dbf = g.get('dbf');
  if (!dbf) {
    findings.push(warn(file, 'import.no-dbf', '缺少 .dbf，没有属性 / no .dbf: features have no attributes'));
    return [];
  }
  const h = readDbfHeader(dbf.bytes);
  if ('error' in h) {
    findings.push(err(file, 'import.dbf', h.error));
    return [];
  }
  const cpg = g.get('cpg');
  const cpgText = cpg ? new TextDecoder('utf-8').decode(cpg.bytes) : undefined;
  for (const pr of h.problems) findings.push(warn(file, 'import.dbf-field', pr));
  const decision = decideEncoding({ option: opts.encoding, cpg: cpgText, ldid: h.ldid, sample: dbfTextSample(dbf.bytes, h), advice: opts.advice?.encoding });
  if ('error' in decision) {
    findings.push(err(file, 'import.encoding', decision.error));
    return [];
  }
  layer.encoding = decision;
  if (decision.warning) findings.push(warn(file, 'import.encoding', decision.warning));
  const decoder = makeDecoder(decision.encoding);
  nameFields(h, decoder);
  layer.fields = h.fields.map((f) => ({
    name: f.name,
    type: f.type,
    length: f.length,
    decimals: f.decimals,
    ...(FIELD_LABELS_ZH[f.name.toUpperCase()] ? { labelZh: FIELD_LABELS_ZH[f.name.toUpperCase()] } : {}),
  }));
  layer.guessedKind = guessKind(layer.fields.map((f) => f.name));
  if (h.available < h.recordCount)
    findings.push(err(file, 'import.dbf-truncated', `.dbf 已截断：文件头声明 ${h.recordCount} 条记录，实际只有 ${h.available} 条完整 / .dbf truncated: header declares ${h.recordCount} records, only ${h.available} are complete`));
  if (h.available < shp.records.length)
    findings.push(
      err(file, 'import.dbf-short', `.dbf 只有 ${h.available} 条记录，比 .shp 的 ${shp.records.length} 个图形少，属性无法对应 / .dbf has ${h.available} records, fewer than the ${shp.records.length} shapes in .shp: attributes cannot be matched`),
    );
  else if (h.recordCount > shp.records.length && !shp.error)
    findings.push(err(file, 'import.dbf-long', `.dbf 有 ${h.recordCount} 条记录，.shp 只有 ${shp.records.length} 个图形，文件不配套 / .dbf has ${h.recordCount} records but .shp only ${shp.records.length} shapes: the files do not belong together`));
  const n = Math.min(h.available, shp.records.length || h.available);
  const props: Record<string, unknown>[] = new Array(n);
  const issues = new Map<string, DbfIssue[]>();
  const onIssue = (x: DbfIssue): void => {
    const k = `${x.field}\u0000${x.why}`;
    const list = issues.get(k) ?? [];
    list.push(x);
    issues.set(k, list);
  };
  for (let i = 0; i < n; i++) props[i] = readDbfRecord(dbf.bytes, h, i, decoder, onIssue);
  for (const list of issues.values()) findings.push(warn(file, 'import.dbf-value', dbfIssueMessage(list)));
  return props;
}

const WHY: Record<DbfIssue['why'], [string, string]> = {
  date: ['不是可识别的日期（YYYYMMDD、MM/DD/YYYY、YYYY-MM-DD）', 'not a date in a form we read (YYYYMMDD, MM/DD/YYYY, YYYY-MM-DD)'],
  number: ['不是有限数值', 'not a finite number'],
  overflow: ['超出字段宽度（星号）', 'overflowed the field width (asterisks)'],
};

/** One warning for all values of one field that were read as empty for one reason, naming the first records. */
function dbfIssueMessage(list: DbfIssue[]): string {
  const [zh, en] = WHY[list[0].why];
  const shown = list
    .slice(0, 5)
    .map((x) => `${x.record + 1} "${escapeControl(x.raw)}"`)
    .join(', ');
  const more = list.length > 5 ? ' …' : '';
  return `字段 ${list[0].field}：${list.length} 个值${zh}，按空值读取（记录 ${shown}${more}） / field ${list[0].field}: ${list.length} value(s) ${en}, read as empty (records ${shown}${more})`;
}
