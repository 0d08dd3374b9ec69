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
import { PackedFeature } from '../io/packedFeatures';
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

/**
 * geojson-validation's answers on views without a bbox, by shape. On such a view `isFeature` reads only whether
 * `type` is present and equal to "Feature", and whether `properties` and `geometry` are present (the geometry is
 * null in the view): 12 shapes, so each is asked once and the answer reused — the library still decides, the
 * 500k-feature file just does not ask it 500k times. (The custom definitions that could make the answer depend
 * on more are registered through `gjv.define`, which this project never calls.) Views with a bbox are always asked.
 */
const featureAnswers: (string[] | undefined)[] = new Array(12);

/** Whether the feature has member k: its own, or a pack's feature's `properties` (a getter: io/packedFeatures.ts). */
const hasMember = (feature: object, k: string): boolean => Object.hasOwn(feature, k) || (k === 'properties' && feature instanceof PackedFeature);

function featureView(feature: object): Record<string, unknown> {
  // A null-prototype view of the members geojson-validation reads: no inherited keys, no "__proto__" games.
  const view: Record<string, unknown> = Object.create(null);
  for (const k of FEATURE_MEMBERS) if (hasMember(feature, k)) view[k] = (feature as Record<string, unknown>)[k];
  if ('geometry' in view) view.geometry = null;
  return view;
}

/** Problems of the feature object itself (not its geometry's coordinates). Never throws. */
export function featureStructureProblems(feature: object): string[] {
  if (Object.hasOwn(feature, 'bbox')) {
    const view = featureView(feature);
    return guarded(() => gjv.isFeature(view, true));
  }
  const f = feature as Record<string, unknown>;
  const type = Object.hasOwn(feature, 'type') ? (f.type === 'Feature' ? 2 : 1) : 0;
  const shape = type * 4 + (hasMember(feature, 'properties') ? 2 : 0) + (Object.hasOwn(feature, 'geometry') ? 1 : 0);
  let answer = featureAnswers[shape];
  if (answer === undefined) {
    const view = featureView(feature);
    answer = guarded(() => gjv.isFeature(view, true));
    featureAnswers[shape] = answer;
  }
  return answer.length === 0 ? [] : answer.slice();
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
