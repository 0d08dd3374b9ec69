/**
 * Findings as the validator emits them: every message names file, feature index, id and field, zh-CN first and
 * English after " / ". User-supplied text (ids, values, field names, file names) is shown escaped and
 * shortened, so a 10k-character id, control characters or markup cannot flood or garble a report. A sink caps
 * the findings per code and ends with one summary finding per capped code.
 */
import type { Finding, Severity } from '../types';

/** Findings kept per code before the rest are only counted. */
export const MAX_FINDINGS_PER_CODE = 200;

/** Longest feature id kept in Finding.featureId (longer ids are cut and marked with …). */
const MAX_ID_CHARS = 256;

// C0/C1 controls, DEL, line/paragraph separators, bidi overrides and isolates.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Printable, bounded form of user text: unsafe characters escaped as \uXXXX, cut to `max` characters. */
export function showText(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(UNSAFE_CHARS, escapeChar);
}

/** Printable, bounded form of any value found in the data (never throws, never walks deep structures). */
export function showValue(value: unknown, max = 40): string {
  if (typeof value === 'string') return `"${showText(value, max)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[数组 array(${value.length})]`;
  if (typeof value === 'object') return '{对象 object}';
  return typeof value;
}

/** The id as kept in structured findings: bounded length, otherwise as written. */
export function boundedId(id: string): string {
  return id.length > MAX_ID_CHARS ? `${id.slice(0, MAX_ID_CHARS)}…` : id;
}

export interface FeatureLoc {
  index: number;
  id?: string;
  field?: string;
}

/** "file 要素 3（id X）字段 F" and "file feature 3 (id X) field F". */
export function locate(file: string, loc?: FeatureLoc): { zh: string; en: string } {
  const f = showText(file, 200);
  if (!loc) return { zh: f, en: f };
  const id = loc.id !== undefined ? showText(loc.id) : undefined;
  const field = loc.field !== undefined ? showText(loc.field, 40) : undefined;
  return {
    zh: `${f} 要素 ${loc.index}${id !== undefined ? `（id ${id}）` : ''}${field !== undefined ? `${id !== undefined ? '' : ' '}字段 ${field}` : ''}`,
    en: `${f} feature ${loc.index}${id !== undefined ? ` (id ${id})` : ''}${field !== undefined ? ` field ${field}` : ''}`,
  };
}

/** Collects findings for one file, capping each code at `cap` and summarising the rest in finish(). */
export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly counts = new Map<string, { n: number; severity: Severity }>();

  constructor(
    readonly file: string,
    readonly cap: number = MAX_FINDINGS_PER_CODE,
  ) {}

  /** Whether another finding of this code would still be kept (lets callers skip building messages). */
  wants(code: string): boolean {
    return (this.counts.get(code)?.n ?? 0) < this.cap;
  }

  count(code: string): number {
    return this.counts.get(code)?.n ?? 0;
  }

  /**
   * Like add(), but the message is built only if the finding is kept: hot paths on huge bad files (500k
   * parcels with TBMJ in 亩) count the rest without formatting them.
   */
  addLazy(severity: Severity, code: string, text: () => { zh: string; en: string }, loc?: FeatureLoc): void {
    if (this.wants(code)) {
      const t = text();
      this.add(severity, code, t.zh, t.en, loc);
    } else this.tally(severity, code);
  }

  private tally(severity: Severity, code: string): number {
    const c = this.counts.get(code);
    const n = (c?.n ?? 0) + 1;
    this.counts.set(code, { n, severity: c?.severity === 'error' ? 'error' : severity });
    return n;
  }

  /** A finding about one feature (loc) or the whole file (no loc). */
  add(severity: Severity, code: string, zh: string, en: string, loc?: FeatureLoc): void {
    if (this.tally(severity, code) > this.cap) return;
    const where = locate(this.file, loc);
    const finding: Finding = { severity, code, message: `${where.zh}：${zh} / ${where.en}: ${en}`, file: this.file };
    if (loc) {
      finding.featureIndex = loc.index;
      if (loc.id !== undefined) finding.featureId = boundedId(loc.id);
      if (loc.field !== undefined) finding.field = loc.field;
    }
    this.findings.push(finding);
  }

  /** All kept findings plus one summary per capped code. */
  finish(): Finding[] {
    const out = this.findings.slice();
    for (const [code, { n, severity }] of this.counts) {
      if (n <= this.cap) continue;
      const more = n - this.cap;
      const f = showText(this.file, 200);
      out.push({
        severity,
        code,
        message: `${f}：${code} 共 ${n} 条，仅列出前 ${this.cap} 条，另有 ${more} 条未列出 / ${f}: ${n} findings of ${code}; the first ${this.cap} are listed, ${more} more not shown`,
        file: this.file,
      });
    }
    return out;
  }
}
