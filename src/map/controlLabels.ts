/**
 * The words of MapLibre's own controls (zoom, compass, the canvas, attribution) in the app's language. MapLibre
 * writes them once, in English, when a control is added: a Chinese user's screen reader and tooltips read
 * "Zoom in", "Drag to rotate map, click to reset north". Re-applied whenever the language changes.
 */
import type { Lang } from '../state/store';

const LABELS: Record<Lang, Record<string, string>> = {
  zh: {
    '.maplibregl-ctrl-zoom-in': '放大',
    '.maplibregl-ctrl-zoom-out': '缩小',
    '.maplibregl-ctrl-compass': '拖动旋转地图，点击恢复正北',
    '.maplibregl-ctrl-attrib-button': '显示或隐藏数据来源',
    '.maplibregl-canvas': '地图',
  },
  en: {
    '.maplibregl-ctrl-zoom-in': 'Zoom in',
    '.maplibregl-ctrl-zoom-out': 'Zoom out',
    '.maplibregl-ctrl-compass': 'Drag to rotate map, click to reset north',
    '.maplibregl-ctrl-attrib-button': 'Toggle attribution',
    '.maplibregl-canvas': 'Map',
  },
};

export const controlLabels = (lang: Lang): Readonly<Record<string, string>> => LABELS[lang];

/** Set the title (buttons) and aria-label of every MapLibre control under `root`. */
export function labelControls(root: ParentNode, lang: Lang): void {
  for (const [selector, label] of Object.entries(controlLabels(lang))) {
    for (const el of root.querySelectorAll(selector)) {
      el.setAttribute('aria-label', label);
      if (el.tagName === 'BUTTON') el.setAttribute('title', label);
    }
  }
}
