/**
 * Structure of each feature, checked with `geojson-validation` — guarded. That library throws on some hostile
 * input (an empty ring: `coordinates[0].toString()`), dispatches on `type` through plain objects (a geometry of
 * type "constructor" passes, "toString" returns garbage), and concatenates its error lists position by position
 * (quadratic on a huge ring full of bad positions). So:
 * - the feature level (type, properties, geometry member, bbox) goes to `isFeature` with the geometry replaced by
 *   null — cheap and always run; the geometry itself is checked by geometry.ts, which is linear and never throws;
 * - the geometry goes to `isGeometryObject` only after geometry.ts accepted it, only when it can add something
 *   (positions with more than two ordinates, or a bbox member), only up to MAX_GJV_POSITIONS positions per
 *   geometry and MAX_GJV_POSITIONS_PER_FILE per file;
 * - every call is wrapped, results are checked to be string arrays, and messages are escaped and bounded.
 */
import gjv from 'geojson-validation';
import { showText } from './messages';

/** Largest geometry (in positions) handed to geojson-validation; beyond it the linear checks stand alone. */
export const MAX_GJV_POSITIONS = 2_000;
/** Positions handed to geojson-validation per file (its cost is quadratic in the bad positions of a geometry). */
export const MAX_GJV_POSITIONS_PER_FILE = 1_000_000;

/** What is left of a file's geojson-validation allowance. */
export class GjvBudget {
  constructor(public left: number = MAX_GJV_POSITIONS_PER_FILE) {}
}

/** Most messages taken from one geojson-validation answer. */
const MAX_MESSAGES = 3;

function messages(result: unknown): string[] {
  if (!Array.isArray(result)) return result === true || result === undefined ? [] : ['unexpected result from geojson-validation'];
  const out: string[] = [];
  for (const m of result) {
    if (out.length === MAX_MESSAGES) {
      out.push(`… (+${result.length - MAX_MESSAGES})`);
      break;
    }
    out.push(typeof m === 'string' ? showText(m, 160) : 'unexpected message from geojson-validation');
  }
  return out;
}

function guarded(fn: () => unknown): string[] {
  try {
    return messages(fn());
  } catch (err) {
    return [`geojson-validation failed: ${showText(err instanceof Error ? err.message : String(err), 120)}`];
  }
}

const FEATURE_MEMBERS = ['type', 'properties', 'geometry', 'bbox'] as const;

/** Problems of the feature object itself (not its geometry's coordinates). Never throws. */
export function featureStructureProblems(feature: object): string[] {
  // A null-prototype view of the members geojson-validation reads: no inherited keys, no "__proto__" games.
  const view: Record<string, unknown> = Object.create(null);
  for (const k of FEATURE_MEMBERS) if (Object.hasOwn(feature, k)) view[k] = (feature as Record<string, unknown>)[k];
  if ('geometry' in view) view.geometry = null;
  return guarded(() => gjv.isFeature(view, true));
}

/**
 * Second opinion of geojson-validation on a geometry the linear checks accepted, when it can add something:
 * extra ordinates (e.g. a string altitude) or a bbox member. `positions` is the geometry's position count.
 */
export function geometryStructureProblems(geometry: object, positions: number, hasExtraOrdinates: boolean, budget = new GjvBudget()): string[] {
  const hasBbox = Object.hasOwn(geometry, 'bbox');
  if ((!hasExtraOrdinates && !hasBbox) || positions > MAX_GJV_POSITIONS || positions > budget.left) return [];
  budget.left -= positions;
  return guarded(() => gjv.isGeometryObject(geometry, true));
}
