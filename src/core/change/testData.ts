/** Small hand-built vintages for the change tests (lon/lat rectangles in units of 0.001° from 120°E, 30°N). */
import { polygonAreaEllipsoidal } from '../area/ellipsoid';

export const D = 0.001;
export const X0 = 120;
export const Y0 = 30;

export function rect(x0: number, x1: number, y0: number, y1: number): number[][][] {
  const p = (x: number, y: number) => [X0 + x * D, Y0 + y * D];
  return [[p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0, y0)]];
}

/** Ellipsoidal area of a rectangle (the expected value, computed independently of any overlay). */
export const R = (x0: number, x1: number, y0: number, y1: number): number => polygonAreaEllipsoidal(rect(x0, x1, y0, y1));

export function feature(coords: number[][][], props: Record<string, unknown>) {
  return { type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: coords } };
}

const V1 = '330102001001000000';
const V2 = '330102001002000000';

/** Before: 旱地 B1 (KCXS 0.1), 水田 B2, 果园 B3, 撂荒 旱地 B4 (WG, KCXS 0.05), 其他草地 B5. */
export const BEFORE = [
  feature(rect(0, 2, 0, 1), { BSM: 'B1', DLBM: '0103', KCXS: 0.1, ZZSXDM: 'LS', GDDJ: 5, ZLDWDM: V1 }),
  feature(rect(0, 1, 1, 2), { BSM: 'B2', DLBM: '0101', KCXS: 0, ZZSXDM: 'LS', GDDJ: 3, ZLDWDM: V1 }),
  feature(rect(1, 2, 1, 2), { BSM: 'B3', DLBM: '0201', ZLDWDM: V1 }),
  feature(rect(2, 3, 0, 2), { BSM: 'B4', DLBM: '0103', KCXS: 0.05, ZZSXDM: 'WG', GDDJ: 6, ZLDWDM: V2 }),
  feature(rect(3, 4, 0, 1), { BSM: 'B5', DLBM: '0404', ZLDWDM: V2 }),
];

/**
 * After: A1 keeps B1's left half; A2 (农村宅基地) takes its right half (非农化); A3 乔木林地 on B2 (进出平衡 out);
 * A4 旱地 on B3's 果园 (进出平衡 in); A5 restores B4 (WG → LS); A6 旱地 on half of B5; B5's other half has no after parcel.
 */
export const AFTER = [
  feature(rect(0, 1, 0, 1), { BSM: 'A1', DLBM: '0103', KCXS: 0.1, ZZSXDM: 'LS', GDDJ: 5, ZLDWDM: V1 }),
  feature(rect(1, 2, 0, 1), { BSM: 'A2', DLBM: '0702', ZLDWDM: V1 }),
  feature(rect(0, 1, 1, 2), { BSM: 'A3', DLBM: '0301', ZLDWDM: V1 }),
  feature(rect(1, 2, 1, 2), { BSM: 'A4', DLBM: '0103', KCXS: 0, ZZSXDM: 'LS', GDDJ: 4, ZLDWDM: V1 }),
  feature(rect(2, 3, 0, 2), { BSM: 'A5', DLBM: '0103', KCXS: 0.05, ZZSXDM: 'LS', GDDJ: 6, ZLDWDM: V2 }),
  feature(rect(3, 3.5, 0, 1), { BSM: 'A6', DLBM: '0103', ZZSXDM: 'LS', GDDJ: 7, ZLDWDM: V2 }),
];
