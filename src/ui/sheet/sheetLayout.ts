/**
 * The map sheet's geometry, without the DOM: paper sizes, the frame areas at a given resolution, a scale bar with a
 * round length, and the local date with its time zone named. Drawn by composeSheet.ts.
 */
export type Paper = 'A4' | 'A3';
export type Orientation = 'landscape' | 'portrait';

/** ISO 216 sizes in millimetres (portrait). */
export const PAPER_MM: Record<Paper, [number, number]> = { A4: [210, 297], A3: [297, 420] };

export interface SheetSize {
  widthMm: number;
  heightMm: number;
  widthPx: number;
  heightPx: number;
  /** pixels per millimetre */
  pxPerMm: number;
}

export function sheetSize(paper: Paper, orientation: Orientation, dpi = 150): SheetSize {
  const [a, b] = PAPER_MM[paper];
  const [w, h] = orientation === 'portrait' ? [a, b] : [b, a];
  const pxPerMm = dpi / 25.4;
  return { widthMm: w, heightMm: h, widthPx: Math.round(w * pxPerMm), heightPx: Math.round(h * pxPerMm), pxPerMm };
}

/**
 * How much larger than on A4 the sheet's type, title band, north arrow, scale bar and legend are: the square root of
 * the paper's area over A4's (A3: √2), so that an A3 sheet is an enlarged A4, not A4-sized print on a larger paper.
 */
export function sheetScale(size: Pick<SheetSize, 'widthMm' | 'heightMm'>): number {
  return Math.sqrt((size.widthMm * size.heightMm) / (PAPER_MM.A4[0] * PAPER_MM.A4[1]));
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Title band on top, the map frame, and a side (landscape) or bottom (portrait) column for legend and notes. */
export function sheetFrames(size: SheetSize, orientation: Orientation): { title: Box; map: Box; side: Box } {
  const m = 2 * Math.round(5 * size.pxPerMm); // even: m / 2 is a whole pixel
  const titleH = Math.round(16 * sheetScale(size) * size.pxPerMm);
  const W = size.widthPx;
  const H = size.heightPx;
  const title = { x: m, y: m, w: W - 2 * m, h: titleH };
  const top = m + titleH;
  if (orientation === 'landscape') {
    const sideW = Math.round(Math.max(62, 0.24 * size.widthMm) * size.pxPerMm);
    return { title, map: { x: m, y: top, w: W - 2 * m - sideW - m / 2, h: H - top - m }, side: { x: W - m - sideW, y: top, w: sideW, h: H - top - m } };
  }
  const sideH = Math.round(Math.max(70, 0.26 * size.heightMm) * size.pxPerMm);
  return { title, map: { x: m, y: top, w: W - 2 * m, h: H - top - m - sideH - m / 2 }, side: { x: m, y: H - m - sideH, w: W - 2 * m, h: sideH } };
}

/**
 * A scale bar of a round length (1, 2 or 5 × 10ⁿ metres) no longer than `maxPx` at `metersPerPx`.
 * Label in m below 1 km, else km.
 */
export function scaleBar(metersPerPx: number, maxPx: number): { meters: number; px: number; label: string } {
  const maxM = metersPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const meters = [5, 2, 1].map((k) => k * pow).find((v) => v <= maxM) ?? pow;
  return { meters, px: meters / metersPerPx, label: meters >= 1000 ? `${meters / 1000} km` : `${meters} m` };
}

/** Great-circle distance in metres (on the scale bar's short span the sphere is exact enough: < 0.5 %). */
export function haversineM(a: [number, number], b: [number, number]): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** "2026-12-05 02:26（北京时间 Asia/Shanghai, UTC+8）" — the local date of the sheet, the zone named. */
export function localStamp(date: Date, lang: 'zh' | 'en', timeZone = 'Asia/Shanghai'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const zone = `${timeZone}, ${offset.replace('GMT', 'UTC') || 'UTC'}`;
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  return lang === 'zh' ? `${text}（${timeZone === 'Asia/Shanghai' ? '北京时间 ' : ''}${zone}）` : `${text} (${zone})`;
}
