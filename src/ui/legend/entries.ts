/** The legend's entries for a state of the map: shared by the on-map legend and the map sheet (PNG/PDF). */
import { layerKindInfo } from '../../core/layers/kinds';
import { SLOPE_CLASSES } from '../../core/layers/codes';
import { GRADE_COLORS, SLOPE_COLORS } from '../../map/styles';
import type { CultivatedStyle, Lang, LayerEntry } from '../../state/store';
import { layerDisplayName } from '../layerName';

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  /** fill: a filled square; line: a boundary (红线); outline: a drawn polygon (outline over a light fill). */
  shape: 'fill' | 'line' | 'outline';
  fill?: string;
  opacity?: number;
}
export interface LegendGroup {
  title: string;
  entries: LegendEntry[];
}

/** The drawn site's and supplement's colours (the same as src/map/draw/behaviors/modes.ts). */
export const DRAW_COLORS = { site: '#d7301f', supplement: '#1a9850' } as const;

export function legendEntries(o: { layers: readonly LayerEntry[]; style: CultivatedStyle; lang: Lang; drawn?: { site: number; supplements: number } }): LegendGroup[] {
  const { lang } = o;
  const visible = [...o.layers].reverse().filter((l) => l.visible);
  const groups: LegendGroup[] = [];
  groups.push({
    title: lang === 'zh' ? '图层' : 'Layers',
    entries: visible.map((l) => {
      const info = layerKindInfo(l.info.kind);
      return { key: l.info.id, label: layerDisplayName(l.info.name, l.info.kind, lang), color: info.color, shape: info.role === 'boundary' ? 'line' : 'fill', opacity: Math.max(0.35, l.opacity) };
    }),
  });
  const ramped = visible.some((l) => (l.info.kind === 'cultivated' || l.info.kind === 'permanent-basic') && (o.style === 'grade' ? l.info.fields.gddj : o.style === 'slope' ? l.info.fields.gdpdjb : undefined));
  if (ramped && o.style === 'grade') {
    groups.push({
      title: lang === 'zh' ? '耕地质量等级（1 等最好）' : 'Quality grade (1 best)',
      entries: GRADE_COLORS.map((c, i) => ({ key: `grade-${i + 1}`, label: lang === 'zh' ? `${i + 1} 等` : `Grade ${i + 1}`, color: c, shape: 'fill' as const })),
    });
  }
  if (ramped && o.style === 'slope') {
    groups.push({
      title: lang === 'zh' ? '坡度级别' : 'Slope class',
      entries: SLOPE_COLORS.map((c, i) => {
        const sc = SLOPE_CLASSES[i];
        return { key: `slope-${i + 1}`, label: lang === 'zh' ? `${i + 1} 级 ${sc?.zh ?? ''}` : `Class ${i + 1} ${sc?.en ?? ''}`, color: c, shape: 'fill' as const };
      }),
    });
  }
  if (ramped) groups[groups.length - 1].entries.push({ key: 'class-none', label: lang === 'zh' ? '未填写' : 'Not filled in', color: '#bdbdbd', shape: 'fill' });
  const drawnEntries: LegendEntry[] = [];
  if (o.drawn && o.drawn.site > 0) drawnEntries.push({ key: 'draw-site', label: lang === 'zh' ? '项目用地（绘制）' : 'Project site (drawn)', color: DRAW_COLORS.site, fill: `${DRAW_COLORS.site}40`, shape: 'outline' });
  if (o.drawn && o.drawn.supplements > 0) drawnEntries.push({ key: 'draw-supplement', label: lang === 'zh' ? '补充耕地（绘制）' : 'Supplement (drawn)', color: DRAW_COLORS.supplement, fill: `${DRAW_COLORS.supplement}40`, shape: 'outline' });
  if (drawnEntries.length) groups.push({ title: lang === 'zh' ? '绘制' : 'Drawn', entries: drawnEntries });
  return groups.filter((g) => g.entries.length > 0);
}
