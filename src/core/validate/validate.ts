/**
 * Validation entry point: structure, geometry and attributes of a layer's features → findings.
 * (Foundation version: the geometry/attribute checks are filled in by the validation work.)
 */
import type { Finding, LayerKind } from '../types';

export interface ValidateOptions {
  file: string;
  kind?: LayerKind;
  /** Relative tolerance for declared area (TBMJ / YJJBNTTBMJ) against computed area; default 0.01 (1 %). */
  areaTolerance?: number;
}

export interface ValidationResult {
  findings: Finding[];
  /** Feature indices with blocking geometry errors: not loaded as parcels. */
  blocked: Set<number>;
}

export function validateFeatures(features: readonly unknown[], opts: ValidateOptions): ValidationResult {
  void features;
  void opts;
  return { findings: [], blocked: new Set() };
}
