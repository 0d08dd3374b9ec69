/**
 * Coordinates that look like metres in a projected CRS (Gauss-Krüger, UTM, Web Mercator) instead of lon/lat
 * degrees. One error per file, not one per feature: the cure is the same for all of them (supply the .prj or the
 * EPSG code and reproject). The false easting hints at the CRS: 3° Gauss-Krüger zones 25–45 carry the zone
 * number in millions (EPSG:4513–4533), 6° zones 13–23 likewise (EPSG:4491–4501); 500000 alone is a zone without
 * prefix (EPSG:4534–4554 for 3° zones) or UTM.
 */
import type { FindingSink } from './messages';
import { showText } from './messages';

/** A finite position outside lon/lat range whose magnitude looks like metres. */
export function looksProjected(x: number, y: number): boolean {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  return (ax > 180 || ay > 90) && Math.max(ax, ay) >= 1000 && ax <= 1e8 && ay <= 1e8;
}

/** What the easting suggests, zh and en. */
export function projectedHint(x: number): { zh: string; en: string } {
  const zone = Math.floor(x / 1e6);
  if (zone >= 25 && zone <= 45) {
    const epsg = 4513 + zone - 25;
    return {
      zh: `东坐标带号 ${zone}：可能是 CGCS2000 3° 高斯-克吕格 ${zone} 带（EPSG:${epsg}，中央经线 ${zone * 3}°E）`,
      en: `easting zone prefix ${zone}: perhaps CGCS2000 3° Gauss-Krüger zone ${zone} (EPSG:${epsg}, CM ${zone * 3}°E)`,
    };
  }
  if (zone >= 13 && zone <= 23) {
    const epsg = 4491 + zone - 13;
    return {
      zh: `东坐标带号 ${zone}：可能是 CGCS2000 6° 高斯-克吕格 ${zone} 带（EPSG:${epsg}，中央经线 ${zone * 6 - 3}°E）`,
      en: `easting zone prefix ${zone}: perhaps CGCS2000 6° Gauss-Krüger zone ${zone} (EPSG:${epsg}, CM ${zone * 6 - 3}°E)`,
    };
  }
  if (x >= 1e5 && x < 1e6)
    return {
      zh: '东坐标无带号（约 500000）：可能是 3° 高斯-克吕格（EPSG:4534–4554）或 UTM',
      en: 'easting without zone prefix (about 500000): perhaps 3° Gauss-Krüger (EPSG:4534–4554) or UTM',
    };
  return { zh: '', en: '' };
}

export class ProjectedStats {
  features = 0;
  firstIndex = -1;
  firstId: string | undefined;
  sample: [number, number] = [0, 0];

  note(index: number, id: string, x: number, y: number): void {
    if (this.features++ === 0) {
      this.firstIndex = index;
      this.firstId = id;
      this.sample = [x, y];
    }
  }

  /** The one file-level error, if any feature looked projected. */
  report(sink: FindingSink): void {
    if (this.features === 0) return;
    const [x, y] = this.sample;
    const hint = projectedHint(x);
    const id = this.firstId !== undefined ? showText(this.firstId) : '';
    sink.add(
      'error',
      'geometry.projected',
      `${this.features} 个要素的坐标像是米（例：要素 ${this.firstIndex}${id ? `（id ${id}）` : ' '}坐标 ${x}, ${y}）：这看起来是投影坐标系（米）；请提供 .prj 或 EPSG 代码${hint.zh ? `。${hint.zh}` : ''}`,
      `coordinates of ${this.features} feature(s) look like metres (e.g. feature ${this.firstIndex}${id ? ` (id ${id})` : ''} at ${x}, ${y}): this looks like metres in a projected CRS; supply the .prj or EPSG code${hint.en ? `. ${hint.en}` : ''}`,
    );
  }
}
