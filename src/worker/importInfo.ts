/**
 * What the import found, for the import panel (issue 16 §1, §3): every table of a multi-layer file (name, alias,
 * count, CRS, 三调 kind) so the user can pick one, and the chosen layer's detected CRS and encoding with the rule
 * that decided each, so the user can override them and re-import.
 */
import type { ImportLayer } from '../core/io/readAny';
import type { ImportDetected, ImportTable } from './protocol';

export function tableInfo(l: ImportLayer): ImportTable {
  return {
    name: l.name,
    ...(l.alias ? { alias: l.alias } : {}),
    format: l.format,
    featureCount: l.featureCount,
    ...(l.geometryType ? { geometryType: l.geometryType } : {}),
    ...(l.crs ? { crs: l.crs.epsg !== undefined ? `EPSG:${l.crs.epsg} ${l.crs.name}` : l.crs.name } : {}),
    ...(l.guessedKind ? { kind: l.guessedKind } : {}),
    ...(l.standardTable ? { standardTable: l.standardTable } : {}),
    usable: l.features.length > 0 && !l.findings.some((f) => f.severity === 'error'),
    ...(l.fields.some((f) => f.alias) ? { fieldAliases: Object.fromEntries(l.fields.flatMap((f) => (f.alias ? [[f.name, f.alias]] : []))) } : {}),
  };
}

export function detectedOf(l: ImportLayer): ImportDetected {
  return {
    layer: l.name,
    format: l.format,
    ...(l.crs ? { crs: { ...(l.crs.epsg !== undefined ? { epsg: l.crs.epsg } : {}), name: l.crs.name, source: l.crs.source } } : {}),
    ...(l.encoding
      ? { encoding: { encoding: l.encoding.encoding, source: l.encoding.source, detail: l.encoding.detail, ...(l.encoding.alternatives ? { alternatives: l.encoding.alternatives } : {}) } }
      : {}),
  };
}
