/**
 * What an import returns: layers of lon/lat GeoJSON features with what was detected (CRS, encoding, fields, kind)
 * and findings (readAny.ts reads, gdal/readGdal.ts fills the same shapes).
 */
import type { Feature } from 'geojson';
import type { BBox, Finding, LayerKind } from '../types';
import type { EncodingDecision } from './encoding';
import type { FlatCollection } from './flatGeojson';

/** A flat scan of `bytes`, fed as they arrived; `finish` answers the collection (or null) once. */
export interface Prescan {
  bytes: Uint8Array;
  finish: (bytes: Uint8Array) => FlatCollection | null;
}

export interface ImportOptions {
  /** Explicit EPSG code of the coordinates (overrides .prj / GeoJSON crs). */
  epsg?: number;
  /** Explicit attribute encoding (overrides .cpg and the DBF language byte). */
  encoding?: string;
  /** Progress 0..1 while parsing. */
  onProgress?: (fraction: number) => void;
  /** Size limit in bytes (input, and uncompressed zip contents); default 1 GiB. */
  maxBytes?: number;
  /** false: GeoJSON is always read through JSON.parse, never the flat fast path (readGeojson.ts parseGeoJsonBytes). */
  flatGeojson?: boolean;
  /**
   * true: GeoJSON read by the flat fast path keeps its positions in SharedArrayBuffers, so the app's tile worker
   * reads the engine's geometry instead of a copy (worker/tiles/packed.ts). Only where memory can be shared (the
   * app's worker when cross-origin isolated); the layer is the same either way.
   */
  sharedGeometry?: boolean;
  /**
   * A flat scan already run over these very bytes while they downloaded (flatGeojson.ts startFlatScan;
   * worker/streamedBytes.ts): the GeoJSON reader finishes it instead of scanning the file again. Taken only for the
   * same bytes (same buffer, offset and length), so a zip or gzip read from them never picks it up.
   */
  prescan?: Prescan;
  /**
   * How this caller's user supplies what the file lacks, appended to messages: the CLI passes "--epsg CODE" /
   * "--encoding NAME", the app its dialog's wording. Without it, messages stay neutral.
   */
  advice?: { crs?: string; encoding?: string };
  /**
   * Projected sources only: add vertices every ≤ this many metres along each edge in the source projection before
   * reprojection, so long edges stay straight as drawn (io/densify.ts). Unset: edges become straight in lon/lat.
   */
  densifyM?: number;
}

export interface FieldInfo {
  name: string;
  /** dBASE type letter (C, N, F, L, D …) for Shapefiles; JSON type (string, number, boolean, mixed) for GeoJSON. */
  type: string;
  length?: number;
  decimals?: number;
  /** 中文 label of a standard 三调 / 规划 field. */
  labelZh?: string;
  /** GeoPackage / FileGDB field alias. */
  alias?: string;
  /** GeoPackage / FileGDB coded-value domain of this field. */
  domain?: string;
  /** Set on "<field>_resolved": the field whose codes it holds the descriptions of (gdal/readGdal.ts). */
  resolvedFrom?: string;
}

export interface CrsInfo {
  epsg?: number;
  name: string;
  /** Where it came from. */
  source: 'option' | 'prj' | 'geojson-crs' | 'rfc7946' | 'assumed' | 'dataset';
  proj4: string;
  /** Set for Xi'an 80 / Beijing 54: the datum shift left undone (or taken from TOWGS84). */
  datumWarning?: string;
}

export interface ImportLayer {
  /** Layer name: the Shapefile's / GeoJSON's file name without extension. */
  name: string;
  /** Path of the main file (inside the zip when zipped). */
  path: string;
  format: 'shapefile' | 'geojson' | 'gpkg' | 'filegdb';
  /** GeoPackage identifier / FileGDB feature class alias. */
  alias?: string;
  /** GeoPackage / FileGDB geometry type as GDAL names it (MultiPolygon, CurvePolygon, MultiSurface …). */
  geometryType?: string;
  /** The 三调 / 规划 table it was recognised as by name, e.g. "DLTB 地类图斑" (gdal/tableKind.ts). */
  standardTable?: string;
  /** Records / features in the file (features may be fewer when the CRS is unknown: then none are converted). */
  featureCount: number;
  /** lon/lat features (RFC 7946), properties decoded. Empty when the layer has errors that prevent conversion. */
  features: Feature[];
  fields: FieldInfo[];
  crs?: CrsInfo;
  encoding?: EncodingDecision;
  /** bbox in the file's own coordinates. */
  nativeBBox?: BBox;
  /** bbox in lon/lat. */
  bbox?: BBox;
  guessedKind?: LayerKind;
  findings: Finding[];
}

export interface ImportResult {
  file: string;
  layers: ImportLayer[];
  /** File-level findings (unreadable zip, no layer found …); layer findings are on the layers. */
  findings: Finding[];
}

/** An import finding: "file: message", severity error. */
export const importErr = (file: string, code: string, message: string): Finding => ({ severity: 'error', code, message: `${file}: ${message}`, file });
/** An import finding: "file: message", severity warning. */
export const importWarn = (file: string, code: string, message: string): Finding => ({ severity: 'warning', code, message: `${file}: ${message}`, file });

/** All errors of a result, file-level and per layer. */
export function importErrors(r: ImportResult): Finding[] {
  return [...r.findings, ...r.layers.flatMap((l) => l.findings)].filter((f) => f.severity === 'error');
}
