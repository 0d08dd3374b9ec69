/** Saved scenarios of the drawing tools: a named site, its supplements and the figures computed for them. */
import type { BalanceReport } from '../../core/analysis/balance';
import type { ImpactReport } from '../../core/analysis/impact';
import type { LedgerProject } from '../../core/analysis/ledger';
import type { LayerKind } from '../../core/types';
import type { DrawnFeature } from '../../worker/impactProtocol';

export type { DrawnFeature };

/** The figures a scenario carries (plain data: saved, compared, exported). */
export interface ScenarioFigures {
  siteAreaMu: number;
  layers: { kind: LayerKind; name: string; areaMu: number; parcels: number }[];
  flags: { permanentBasicOccupied: boolean; ecoRedlineCrossed: boolean; outsideUrbanBoundary: boolean; outsideUrbanMu: number | null };
  duty: { quantityMu: number; qualityGrade: number | null; capacityKg: number | null; permanentBasicMu: number; feeYuan: number; feeRate: number; regionCode?: string };
  balance?: {
    pass: boolean;
    verdicts: string[];
    providedMu: number;
    providedGrade: number | null;
    providedCapacityKg: number | null;
    quantityMargin: number | null;
    qualityMargin: number | null;
    capacityMargin: number | null;
    pieces: number;
  };
}

export interface Scenario {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Ledger year (以补定占). */
  year: number;
  site: DrawnFeature[];
  supplements: DrawnFeature[];
  figures?: ScenarioFigures;
}

/** A shape still being drawn: its mode, its role and the vertices placed so far (a rectangle's start corner, a freehand stroke). */
export interface InProgressShape {
  mode: 'polygon' | 'rectangle' | 'freehand';
  role: 'site' | 'supplement';
  coordinates: [number, number][];
}

/** The drawing in progress, autosaved on every change. */
export interface Draft {
  site: DrawnFeature[];
  supplements: DrawnFeature[];
  /** The saved scenario this drawing was opened from, if any. */
  scenarioId?: string;
  name?: string;
  /** The shape being drawn when the draft was written (not finished yet). */
  inProgress?: InProgressShape;
  savedAt: string;
}

export function figuresOf(impact: ImpactReport, balance?: BalanceReport): ScenarioFigures {
  const c = impact.compensation;
  const f: ScenarioFigures = {
    siteAreaMu: impact.siteAreaMu,
    layers: impact.layers.map((l) => ({ kind: l.kind, name: l.name, areaMu: l.areaMu, parcels: l.parcels })),
    flags: {
      permanentBasicOccupied: impact.flags.permanentBasicOccupied,
      ecoRedlineCrossed: impact.flags.ecoRedlineCrossed,
      outsideUrbanBoundary: impact.flags.outsideUrbanBoundary,
      outsideUrbanMu: impact.flags.outsideUrbanAreaM2 === null ? null : (impact.flags.outsideUrbanAreaM2 * 3) / 2000,
    },
    duty: {
      quantityMu: c.quantityMu, qualityGrade: c.qualityGrade, capacityKg: c.capacityKg, permanentBasicMu: c.permanentBasicMu,
      feeYuan: c.feeYuan, feeRate: c.feeRate, ...(c.regionCode ? { regionCode: c.regionCode } : {}),
    },
  };
  if (balance)
    f.balance = {
      pass: balance.pass,
      verdicts: [...balance.verdicts],
      providedMu: balance.quantity.provided ?? 0,
      providedGrade: balance.quality.provided,
      providedCapacityKg: balance.capacity.provided,
      quantityMargin: balance.quantity.margin,
      qualityMargin: balance.quality.margin,
      capacityMargin: balance.capacity.margin,
      pieces: balance.pieces.length,
    };
  return f;
}

/**
 * Ledger projects of saved scenarios: each scenario's 耕地 occupied is an occupation, its eligible supplement (when
 * a balance was computed) a supplement, both in the scenario's year and the county of the occupied 耕地.
 */
/** The ledger's region of a scenario whose occupied 耕地 has no region code (the UI names it in its language). */
export const UNKNOWN_REGION = '(未知)';

export function ledgerProjects(scenarios: readonly Scenario[], fallbackRegion = UNKNOWN_REGION): LedgerProject[] {
  const out: LedgerProject[] = [];
  for (const s of scenarios) {
    const f = s.figures;
    if (!f) continue;
    const region = f.duty.regionCode ?? fallbackRegion;
    out.push({ region, year: s.year, type: 'occupation', mu: f.duty.quantityMu, name: s.name, purpose: 'construction' });
    if (f.balance && f.balance.providedMu > 0) out.push({ region, year: s.year, type: 'supplement', mu: f.balance.providedMu, name: `${s.name}（补充）`, stable: true });
  }
  return out;
}

/** A scenario as one GeoJSON FeatureCollection: site and supplement polygons (role property) and the figures. */
export function scenarioGeoJson(s: Scenario): Record<string, unknown> {
  const feat = (role: 'site' | 'supplement') => (f: DrawnFeature) => ({
    type: 'Feature',
    id: f.id,
    properties: { ...(f.properties ?? {}), role, scenario: s.name },
    geometry: f.geometry,
  });
  return {
    type: 'FeatureCollection',
    name: s.name,
    scenario: { id: s.id, name: s.name, year: s.year, createdAt: s.createdAt, updatedAt: s.updatedAt },
    figures: s.figures ?? null,
    features: [...s.site.map(feat('site')), ...s.supplements.map(feat('supplement'))],
  };
}
