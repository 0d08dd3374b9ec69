/**
 * Control units for the area adjustment and for region filters by boundary: administrative polygons with their
 * codes, read from a boundary layer (the demo's basemap townships, or an imported 行政区/村级调查区 layer).
 * Code: XZQDM, else ZLDWDM, else DM / code; name: XZQMC, else ZLDWMC, else MC / name. Every unreadable feature
 * gives a finding naming file, feature and field — never a silent skip.
 */
import type { AreaGeometry, Finding } from '../types';
import type { ControlUnit } from './adjustment';

export type UnitLevel = 'county' | 'township' | 'village';
const LEVEL_DIGITS: Record<UnitLevel, number> = { county: 6, township: 9, village: 12 };

const CODE_FIELDS = ['XZQDM', 'ZLDWDM', 'DM', 'code', 'CODE'] as const;
const NAME_FIELDS = ['XZQMC', 'ZLDWMC', 'MC', 'name', 'NAME'] as const;

function firstString(props: Record<string, unknown>, fields: readonly string[]): { field?: string; value?: string } {
  for (const f of fields) {
    const v = props[f];
    if (typeof v === 'string' && v.trim() !== '') return { field: f, value: v.trim() };
    if (typeof v === 'number' && Number.isFinite(v)) return { field: f, value: String(v) };
  }
  return {};
}

/**
 * Units from boundary features. With `level`, only features whose code has that level's length (6 / 9 / 12
 * digits; a longer code padded with zeros is cut to it) are kept — a basemap holding county and townships gives
 * the townships for `level: 'township'`.
 */
export function controlUnitsFromFeatures(
  features: readonly unknown[],
  file: string,
  opts: { level?: UnitLevel } = {},
): { units: ControlUnit[]; findings: Finding[] } {
  const units: ControlUnit[] = [];
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  features.forEach((raw, i) => {
    const f = raw as { geometry?: { type?: string }; properties?: Record<string, unknown> } | null;
    const g = f?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      findings.push({ severity: 'warning', code: 'units.geometry', message: `${file} 第 ${i} 个要素不是面，未作为区划单元 / feature ${i} is not a polygon: not used as a unit`, file, featureIndex: i });
      return;
    }
    const props = f?.properties ?? {};
    const { value: code0, field } = firstString(props, CODE_FIELDS);
    if (code0 === undefined || !/^\d{6,19}$/.test(code0)) {
      findings.push({
        severity: 'error', code: 'units.code',
        message: `${file} 第 ${i} 个要素缺少区划代码（${CODE_FIELDS.join('/')}，6–19 位数字）/ feature ${i} has no region code (${CODE_FIELDS.join('/')}, 6–19 digits)`,
        file, featureIndex: i, ...(field ? { field } : {}),
      });
      return;
    }
    let code = code0;
    if (opts.level) {
      const n = LEVEL_DIGITS[opts.level];
      if (code.length < n) return;
      if (code.length > n) {
        if (!/^0*$/.test(code.slice(n))) return;
        code = code.slice(0, n);
      }
      // a shorter unit's code padded to this level (e.g. a county "231299000") is not of this level
      const shorter = opts.level === 'village' ? 9 : opts.level === 'township' ? 6 : 0;
      if (shorter && /^0+$/.test(code.slice(shorter))) return;
    }
    const prev = seen.get(code);
    if (prev !== undefined) {
      findings.push({ severity: 'error', code: 'units.duplicate', message: `${file} 第 ${i} 个要素的区划代码 ${code} 与第 ${prev} 个重复 / region code ${code} repeats feature ${prev}`, file, featureIndex: i, featureId: code, field });
      return;
    }
    seen.set(code, i);
    const name = firstString(props, NAME_FIELDS).value;
    units.push({ code, ...(name ? { name } : {}), geometry: g as AreaGeometry });
  });
  return { units, findings };
}
