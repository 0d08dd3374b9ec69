/**
 * Shared data contracts of the engine. Everything in src/core speaks these types; the worker protocol,
 * the CLI and the app build on them. Pure data: no classes, so values cross postMessage unchanged — with one
 * exception: a Parcel's geometry read from GeoJSON bytes is a FlatGeometry view of the layer's flat arrays
 * (io/flatGeometry.ts), which crosses postMessage only through plainGeometry().
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** [lon, lat] in degrees (CGCS2000 / WGS84 — identical at survey precision). */
export type Position2 = [number, number] | number[];
export type Ring = Position2[];
/** Polygon coordinates: outer ring first, then holes. */
export type PolygonCoords = Ring[];
/** MultiPolygon coordinates. */
export type MultiPolygonCoords = PolygonCoords[];
export type AreaGeometry = Polygon | MultiPolygon;
export type BBox = [minX: number, minY: number, maxX: number, maxY: number];

/** How an area was computed. `ellipsoidal` (CGCS2000, survey formula) is the default everywhere. */
export type AreaMethod = 'ellipsoidal' | 'spherical';

export type LayerKind =
  | 'cultivated'
  | 'permanent-basic'
  | 'high-standard'
  | 'black-soil'
  | 'saline-alkali'
  | 'abandoned'
  | 'eco-redline'
  | 'urban-boundary'
  | 'no-supplement';

/** 地类 of 耕地 (GB/T 21010-2017 0101/0102/0103; 二调 011/012/013). */
export type LandClass = 'paddy' | 'irrigated' | 'dry';

/**
 * Parcel attributes normalised from the standard 三调/规划 field names (or their English aliases).
 * Missing or unparsable values are `undefined`; validation reports them, analysis skips them.
 */
export interface ParcelAttrs {
  /** BSM 标识码 / TBBH 图斑编号 / YJJBNTTBBH / feature.id — the id findings and reports name. */
  id?: string;
  /** DLBM 地类编码, as written (e.g. "0101" or "011"). */
  dlbm?: string;
  /** 地类 derived from DLBM when it is a 耕地 code. */
  landClass?: LandClass;
  /** DLMC 地类名称. */
  dlmc?: string;
  /** TBMJ 图斑面积 (m²), declared. */
  tbmj?: number;
  /** KCXS 扣除系数 (田坎系数), 0..1. */
  kcxs?: number;
  /** KCMJ 扣除面积 (m²). */
  kcmj?: number;
  /** TBDLMJ 图斑地类面积 (m²) = TBMJ − KCMJ. */
  tbdlmj?: number;
  /** GDPDJB 耕地坡度级别 1..5 (5 = > 25°). */
  gdpdjb?: number;
  /** GDDJ / ZLDJ 耕地质量等级 1..10 (1 best, GB/T 33469-2016). */
  gddj?: number;
  /** GDDB 农用地分等 等别 1..15 (1 best, GB/T 28407-2012). */
  gddb?: number;
  /** ZLDWDM 坐落单位代码 (19 chars: county 6 / township 9 / village 12). */
  zldwdm?: string;
  /** ZLDWMC 坐落单位名称. */
  zldwmc?: string;
  /** XZQDM 行政区代码. */
  xzqdm?: string;
  /** ZZSXDM 种植属性代码 (LS, FLS, LYFL, XG, LLJZ, WG …). */
  zzsxdm?: string;
  /** YJJBNTTBMJ 永久基本农田图斑面积 (m²), declared. */
  yjjbnttbmj?: number;
  /** GDLX 耕地类型 (TT 梯田 / PD 坡地). */
  gdlx?: string;
  /** Saline-alkali degree 轻度 / 中度 / 重度 / 盐土 (YJCD / SALINITY). */
  salinity?: string;
  /** Reason of a 补充耕地禁止区 (自然保护地, 河湖管理范围, 重点林区, 沙化 …) or red-line name (HXMC). */
  reason?: string;
  /** Name of a red-line / boundary polygon (HXMC / GHFQMC / MC). */
  name?: string;
}

/**
 * A layer's ParcelAttrs in columns, by feature index (layers/attrTable.ts AttrTable, issue #14 item 8: one object per
 * parcel was 136 B at 500k parcels).
 */
export interface AttrRows {
  /** Row `i` as a new object. */
  row(i: number): ParcelAttrs;
  /** One attribute of row `i`. */
  value<K extends keyof ParcelAttrs>(i: number, key: K): ParcelAttrs[K];
}

/** A parcel (图斑) as the engine holds it after loading. */
export interface Parcel {
  /** Index of the feature in its source file (0-based): also its row in `attrsFrom` when that is its layer's table. */
  index: number;
  /** Stable id: attrs.id, else feature.id, else `#index`. */
  id: string;
  geometry: AreaGeometry;
  /**
   * Where its attributes are: a loaded layer's table, shared by its parcels (row = `index`), or, for a hand-built
   * parcel (a drawn site, a server row, a test), an object of its own. Read them with layers/attrTable.ts `attrsOf(p)`
   * or `attrOf(p, key)`.
   */
  attrsFrom: ParcelAttrs | AttrRows;
  /** Ellipsoidal (CGCS2000) area of the geometry in m² — or, after control-area adjustment, the adjusted area. */
  areaM2: number;
  /**
   * Set only by control-area adjustment (analysis/adjustment.ts): the computed area before adjustment. Pieces of
   * the parcel (clipped by a site, a region) are scaled by areaM2 / adjustedFromM2 so they stay consistent.
   */
  adjustedFromM2?: number;
  bbox: BBox;
}

/** Severity of a validation finding: errors block, warnings allow with a notice. */
export type Severity = 'error' | 'warning';

/** One validation finding. Every finding names file, feature index, id and field where they apply. */
export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. `geometry.self-intersection`, `attr.dlbm`. */
  code: string;
  /** Human message (zh-CN first, English after a " / "), naming file, feature and field. */
  message: string;
  file: string;
  featureIndex?: number;
  featureId?: string;
  field?: string;
}

export type Region = { level: 'county' | 'township' | 'village'; code: string };
