/**
 * 占补平衡: does a set of supplementary parcels balance an occupation (ImpactReport) in quantity, quality and
 * productive capacity, from eligible land, contiguously? (docs/domain.md §5; the 2024 opinion.)
 *
 * Per supplement piece (pieces that overlap each other count once: each keeps its part not already covered by
 * an earlier piece):
 *   - eligibility — no part inside 生态保护红线 or a 补充耕地禁止区 (the area inside each zone is reported with the
 *     zone's reason), and not slope class 5 (> 25°). Ineligible parts are cut away (polyclip difference) and do
 *     not count towards the balance.
 *   - attributes — GDDJ / GDPDJB from the supplement's own fields (readAttrs names); when missing, from the
 *     cultivated parcels beneath (area-weighted mean grade; the slope-5 parcels beneath are ineligible).
 * Then, over the eligible land:
 *   - quantity: provided 亩 ≥ the occupied 耕地 亩 (else 占多补少);
 *   - quality: area-weighted GDDJ ≤ the occupied land's (1 is best; else 占优补劣);
 *   - capacity: Σ 亩 × kg/亩(grade) ≥ capacity lost (ungraded land valued at the graded land's mean kg/亩);
 *   - contiguity: pieces, smallest piece, compactness; 占整补散 when the occupation is one piece but the
 *     supplement is more pieces than the occupation, or has a piece under config.contiguity.minPieceMu, or is less
 *     compact than config.contiguity.minCompactness.
 */
import { geometryAreaEllipsoidal, multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { DEFAULT_AREA_BASIS, parcelNetFactor } from '../area/netArea';
import { m2ToMu } from '../area/units';
import { buildIndex, geometryBBox } from '../index/spatialIndex';
import { kindDisplayName } from '../layers/displayName';
import type { Layer } from '../layers/layer';
import { type AreaLike, tryDifference, tryUnion } from '../overlay/clip';
import { effectivePart, layerOverlaps } from '../overlay/overlaps';
import { hitsOf, overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { AreaGeometry, LayerKind, MultiPolygonCoords, Parcel, ParcelAttrs } from '../types';
import { type AnalysisConfig, DEFAULT_CONFIG, productivityOf } from './config';
import { type Contiguity, contiguityOfPieces } from './contiguity';
import type { ImpactReport } from './impact';
import { attrOf, attrsOf } from '../layers/attrTable';

export interface SupplementInput {
  id: string;
  geometry: AreaGeometry;
  attrs: ParcelAttrs;
}

export interface ZoneHit {
  kind: LayerKind;
  zoneId: string;
  /** The zone's reason (补充耕地禁止区: JZYY …) or name, else the layer's name. */
  reason: string;
  areaM2: number;
  areaMu: number;
}

export interface SupplementPiece {
  id: string;
  /** Area of the piece (its part not covered by earlier pieces), m² / 亩. */
  areaM2: number;
  areaMu: number;
  /** Eligible part (m² / 亩): outside forbidden zones and not slope class 5. */
  eligibleM2: number;
  eligibleMu: number;
  /** The eligible part on the occupation's area basis: × the supplement's own net factor (KCXS …) when 地类面积. */
  providedM2: number;
  eligible: boolean;
  /** Forbidden zones the piece reaches into, with the area inside each. */
  zones: ZoneHit[];
  /** Area on slope class 5 (> 25°), m². */
  slope5M2: number;
  /** GDDJ used and where it came from. */
  grade: number | null;
  gradeSource: 'own' | 'cultivated-beneath' | 'none';
  slopeClass: number | null;
  slopeSource: 'own' | 'cultivated-beneath' | 'none';
  /** Why the piece is (partly) ineligible, zh / en. */
  reasons: string[];
  failures: string[];
}

export interface Criterion {
  pass: boolean;
  required: number | null;
  provided: number | null;
  /** provided − required for quantity and capacity; required − provided for quality (positive = better). */
  margin: number | null;
}

export type BalanceVerdict = '占多补少' | '占优补劣' | '占整补散' | '产能不足' | '含不合规地块';

export interface BalanceReport {
  pieces: SupplementPiece[];
  quantity: Criterion & { unit: '亩' };
  quality: Criterion & { unit: 'GDDJ' };
  capacity: Criterion & { unit: 'kg' };
  contiguity: Contiguity & {
    occupation: Contiguity;
    scattered: boolean;
    thresholds: { minPieceMu: number; minCompactness: number };
    reasons: string[];
  };
  eligibility: { eligibleMu: number; ineligibleMu: number; ineligiblePieces: string[] };
  verdicts: BalanceVerdict[];
  pass: boolean;
  failures: { pieceId: string; message: string }[];
}

const EPS = 1e-9;

function toLayer(supplements: readonly SupplementInput[]): Layer {
  const parcels: Parcel[] = supplements.map((s, index) => ({
    index,
    id: s.id,
    geometry: s.geometry,
    attrsFrom: s.attrs,
    areaM2: geometryAreaEllipsoidal(s.geometry),
    bbox: geometryBBox(s.geometry),
  }));
  const bbox = parcels.reduce<[number, number, number, number]>(
    (b, p) => [Math.min(b[0], p.bbox[0]), Math.min(b[1], p.bbox[1]), Math.max(b[2], p.bbox[2]), Math.max(b[3], p.bbox[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  return {
    kind: 'cultivated', name: '补充耕地', file: 'supplement', parcels, index: buildIndex(parcels.map((p) => p.bbox)),
    bbox: parcels.length ? bbox : [0, 0, 0, 0], grossAreaM2: parcels.reduce((s, p) => s + p.areaM2, 0),
  };
}

export function computeBalance(
  occupation: ImpactReport,
  supplements: readonly SupplementInput[],
  layers: readonly Layer[],
  config: AnalysisConfig = DEFAULT_CONFIG,
): BalanceReport {
  const areaBasis = occupation.compensation.areaBasis ?? DEFAULT_AREA_BASIS;
  const valid = supplements.filter((s) => s?.geometry && (s.geometry.type === 'Polygon' || s.geometry.type === 'MultiPolygon'));
  const supLayer = toLayer(valid);
  const ov = layerOverlaps(supLayer);
  const forbidden = layers.filter((l) => l.kind === 'eco-redline' || l.kind === 'no-supplement');
  const cultivated = layers.find((l) => l.kind === 'cultivated');
  const failures: BalanceReport['failures'] = ov.failures.map((f) => ({ pieceId: f.parcelId, message: f.message }));
  const pieces: SupplementPiece[] = [];
  const eligibleParts: MultiPolygonCoords[] = [];
  let eligibleM2 = 0;
  let gradedM2 = 0;
  let gradeSum = 0;
  let capGraded = 0;
  let capGradedM2 = 0;

  supLayer.parcels.forEach((p, i) => {
    const eff = effectivePart(supLayer, i);
    const own: AreaLike = eff.coords ?? p.geometry;
    const piece: SupplementPiece = {
      id: p.id, areaM2: eff.areaM2, areaMu: m2ToMu(eff.areaM2), eligibleM2: 0, eligibleMu: 0, providedM2: 0, eligible: true, zones: [], slope5M2: 0,
      grade: null, gradeSource: 'none', slopeClass: null, slopeSource: 'none', reasons: [], failures: [],
    };
    const region = prepareRegion([own], { union: false });
    const cut: AreaLike[] = [];
    for (const layer of forbidden) {
      const hits = overlayRegion(region, layer);
      for (const f of hits.failures) piece.failures.push(`${f.parcelId}: ${f.message}`);
      for (const h of hitsOf(hits, layer)) {
        const zone = attrsOf(h.parcel);
        const reason = zone.reason ?? zone.name ?? kindDisplayName(layer.kind);
        piece.zones.push({ kind: layer.kind, zoneId: h.parcel.id, reason, areaM2: h.areaM2, areaMu: m2ToMu(h.areaM2) });
        cut.push(h.parcel.geometry);
        piece.reasons.push(`位于${kindDisplayName(layer.kind)}（${reason}）${m2ToMu(h.areaM2).toFixed(4)} 亩 / inside ${layer.kind} ${h.parcel.id}`);
      }
    }
    // attributes: own fields first, else the cultivated land beneath
    const beneath = cultivated ? hitsOf(overlayRegion(region, cultivated), cultivated) : undefined;
    const a = attrsOf(p);
    if (a.gddj !== undefined && a.gddj >= 1 && a.gddj <= 10) {
      piece.grade = a.gddj;
      piece.gradeSource = 'own';
    } else if (beneath) {
      let g = 0;
      let m = 0;
      for (const h of beneath) {
        const gddj = attrOf(h.parcel, 'gddj');
        if (gddj !== undefined && gddj >= 1 && gddj <= 10) {
          g += gddj * h.areaM2;
          m += h.areaM2;
        }
      }
      if (m > 0) {
        piece.grade = g / m;
        piece.gradeSource = 'cultivated-beneath';
      }
    }
    if (a.gdpdjb !== undefined && a.gdpdjb >= 1 && a.gdpdjb <= 5) {
      piece.slopeClass = a.gdpdjb;
      piece.slopeSource = 'own';
      if (a.gdpdjb === 5) {
        piece.slope5M2 = eff.areaM2;
        piece.reasons.push('坡度级别 5（> 25°）/ slope class 5 (> 25°)');
      }
    } else if (beneath) {
      let maxSlope = 0;
      for (const h of beneath) {
        const s = attrOf(h.parcel, 'gdpdjb');
        if (s === undefined || s < 1 || s > 5) continue;
        maxSlope = Math.max(maxSlope, s);
        if (s === 5) {
          piece.slope5M2 += h.areaM2;
          cut.push(h.parcel.geometry);
        }
      }
      if (maxSlope > 0) {
        piece.slopeClass = maxSlope;
        piece.slopeSource = 'cultivated-beneath';
      }
      if (piece.slope5M2 > 0) piece.reasons.push(`坡度级别 5（> 25°）${m2ToMu(piece.slope5M2).toFixed(4)} 亩 / slope class 5 beneath`);
    }
    // eligible part
    let part: MultiPolygonCoords | undefined;
    if (piece.slopeSource === 'own' && piece.slopeClass === 5) {
      part = [];
    } else if (cut.length === 0) {
      part = eff.coords ?? (p.geometry.type === 'Polygon' ? [p.geometry.coordinates as MultiPolygonCoords[number]] : (p.geometry.coordinates as MultiPolygonCoords));
      piece.eligibleM2 = eff.areaM2;
    } else {
      const d = tryDifference(own, cut);
      if (d.ok) {
        part = d.coords;
        piece.eligibleM2 = multiPolygonAreaEllipsoidal(d.coords);
      } else {
        piece.failures.push(d.message);
        piece.eligibleM2 = Math.max(0, eff.areaM2 - piece.zones.reduce((s, z) => s + z.areaM2, 0) - piece.slope5M2);
      }
    }
    if (piece.eligibleM2 < EPS) piece.eligibleM2 = 0;
    piece.eligibleMu = m2ToMu(piece.eligibleM2);
    // quantity on the occupation's basis: a supplement declaring a 田坎 deduction provides its 地类面积
    piece.providedM2 = areaBasis === 'net' ? piece.eligibleM2 * parcelNetFactor(a) : piece.eligibleM2;
    const providedPieceM2 = piece.providedM2;
    piece.eligible = piece.reasons.length === 0;
    if (part?.length) eligibleParts.push(part);
    eligibleM2 += providedPieceM2;
    if (piece.grade !== null && providedPieceM2 > 0) {
      gradedM2 += providedPieceM2;
      gradeSum += piece.grade * providedPieceM2;
      // capacity of a fractional (beneath-weighted) grade: interpolate the table between neighbouring grades
      const lo = Math.floor(piece.grade);
      const hi = Math.ceil(piece.grade);
      const cLo = productivityOf(config, lo);
      const cHi = productivityOf(config, hi);
      if (cLo !== undefined && cHi !== undefined) {
        capGraded += m2ToMu(providedPieceM2) * (cLo + (cHi - cLo) * (piece.grade - lo));
        capGradedM2 += providedPieceM2;
      }
    }
    for (const f of piece.failures) failures.push({ pieceId: p.id, message: f });
    pieces.push(piece);
  });

  const comp = occupation.compensation;
  const providedMu = m2ToMu(eligibleM2);
  const quantity: BalanceReport['quantity'] = {
    unit: '亩', required: comp.quantityMu, provided: providedMu, margin: providedMu - comp.quantityMu,
    pass: providedMu >= comp.quantityMu - EPS,
  };
  const providedGrade = gradedM2 > 0 ? gradeSum / gradedM2 : null;
  const quality: BalanceReport['quality'] = {
    unit: 'GDDJ', required: comp.qualityGrade, provided: providedGrade,
    margin: comp.qualityGrade !== null && providedGrade !== null ? comp.qualityGrade - providedGrade : null,
    // nothing graded to match → nothing to fail; a graded occupation needs a graded supplement
    pass: comp.qualityGrade === null || (providedGrade !== null && providedGrade <= comp.qualityGrade + EPS),
  };
  const providedCap = capGradedM2 > 0 ? capGraded * (eligibleM2 / capGradedM2) : eligibleM2 > 0 ? null : 0;
  const capacity: BalanceReport['capacity'] = {
    unit: 'kg', required: comp.capacityKg, provided: providedCap,
    margin: comp.capacityKg !== null && providedCap !== null ? providedCap - comp.capacityKg : null,
    pass: comp.capacityKg === null || (providedCap !== null && providedCap >= comp.capacityKg * (1 - EPS) - EPS),
  };

  // contiguity of the eligible land (touching pieces merge)
  let supCont: Contiguity;
  const u = tryUnion(eligibleParts);
  if (u.ok) supCont = contiguityOfPieces(u.coords);
  else {
    failures.push({ pieceId: '(all)', message: u.message });
    supCont = contiguityOfPieces(eligibleParts.flat());
  }
  const th = config.contiguity;
  const occ = occupation.site;
  const contReasons: string[] = [];
  if (supCont.pieces > Math.max(1, occ.pieces)) contReasons.push(`补充 ${supCont.pieces} 块，占用 ${occ.pieces} 块 / ${supCont.pieces} pieces for ${occ.pieces}`);
  if (supCont.pieces > 0 && supCont.smallestPieceMu < th.minPieceMu) contReasons.push(`最小地块 ${supCont.smallestPieceMu.toFixed(2)} 亩 < ${th.minPieceMu} 亩 / smallest piece below threshold`);
  if (supCont.pieces > 0 && supCont.compactness < th.minCompactness) contReasons.push(`紧凑度 ${supCont.compactness.toFixed(3)} < ${th.minCompactness} / compactness below threshold`);
  const occupationContiguous = occ.pieces === 1;
  const scattered = occupationContiguous && contReasons.length > 0;

  const ineligiblePieces = pieces.filter((p) => !p.eligible).map((p) => p.id);
  const verdicts: BalanceVerdict[] = [];
  if (!quantity.pass) verdicts.push('占多补少');
  if (!quality.pass) verdicts.push('占优补劣');
  if (scattered) verdicts.push('占整补散');
  if (!capacity.pass) verdicts.push('产能不足');
  if (ineligiblePieces.length) verdicts.push('含不合规地块');
  return {
    pieces,
    quantity,
    quality,
    capacity,
    contiguity: { ...supCont, occupation: occ, scattered, thresholds: { ...th }, reasons: contReasons },
    eligibility: { eligibleMu: providedMu, ineligibleMu: m2ToMu(pieces.reduce((s, p) => s + p.areaM2 - p.eligibleM2, 0)), ineligiblePieces },
    verdicts,
    pass: verdicts.length === 0,
    failures,
  };
}
