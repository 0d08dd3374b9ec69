/**
 * Compose a map sheet on a canvas: title, the map (cropped to fill its frame) with its place names, a north arrow and
 * a scale bar, and a column with the legend, region, data sources, area method, local date (zone stated) and app
 * version. The PNG is this canvas; the PDF (pdf.ts) places the same image on A4/A3 paper.
 */
import type { LegendGroup } from '../legend/entries';
import { type Box, type Orientation, type Paper, scaleBar, sheetFrames, sheetScale, sheetSize } from './sheetLayout';
import type { SheetSource } from './source';

export interface SheetText {
  title: string;
  subtitle: string;
  /** label/value lines of the notes column: region, data, area method, date, version */
  notes: [string, string][];
  legendTitle: string;
  northLabel: string;
}

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function composeSheet(src: SheetSource, legend: LegendGroup[], text: SheetText, paper: Paper, orientation: Orientation): HTMLCanvasElement {
  const size = sheetSize(paper, orientation);
  const f = sheetFrames(size, orientation);
  // px per "A4 millimetre": every size below is in mm on A4, enlarged with the paper (A3: ×√2, sheetScale)
  const k = size.pxPerMm * sheetScale(size);
  const canvas = document.createElement('canvas');
  canvas.width = size.widthPx;
  canvas.height = size.heightPx;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  // title
  ctx.fillStyle = '#16324f';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `700 ${Math.round(7 * k)}px ${FONT}`;
  ctx.fillText(text.title, f.title.x, f.title.y + 8 * k, f.title.w);
  ctx.font = `400 ${Math.round(3.6 * k)}px ${FONT}`;
  ctx.fillStyle = '#4a5a6a';
  ctx.fillText(text.subtitle, f.title.x, f.title.y + 13.5 * k, f.title.w);

  drawMap(ctx, src, f.map, k, text.northLabel);
  drawSide(ctx, f.side, legend, text, k, orientation);
  return canvas;
}

function drawMap(ctx: CanvasRenderingContext2D, src: SheetSource, box: Box, k: number, north: string): void {
  // cover the frame with the view's centre part, keeping the aspect ratio
  const scale = Math.max(box.w / src.cssWidth, box.h / src.cssHeight); // sheet px per CSS px
  const cw = box.w / scale;
  const ch = box.h / scale;
  const clamp = (v: number, hi: number) => Math.min(Math.max(0, v), Math.max(0, hi));
  const cx0 = src.focus ? clamp(src.focus[0] - cw / 2, src.cssWidth - cw) : (src.cssWidth - cw) / 2;
  const cy0 = src.focus ? clamp(src.focus[1] - ch / 2, src.cssHeight - ch) : (src.cssHeight - ch) / 2;
  const ratio = src.canvas.width / src.cssWidth; // device pixels per CSS px
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.fillStyle = '#f2efe9';
  ctx.fillRect(box.x, box.y, box.w, box.h);
  ctx.drawImage(src.canvas, cx0 * ratio, cy0 * ratio, cw * ratio, ch * ratio, box.x, box.y, box.w, box.h);
  // place names, as on screen, scaled with the map
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const l of src.labels) {
    const x = box.x + (l.x - cx0) * scale;
    const y = box.y + (l.y - cy0) * scale;
    if (x < box.x || y < box.y || x > box.x + box.w || y > box.y + box.h) continue;
    const px = Number.parseFloat(/(\d+(?:\.\d+)?)px/.exec(l.font)?.[1] ?? '12');
    ctx.font = l.font.replace(/\d+(?:\.\d+)?px/, `${Math.round(px * scale)}px`);
    ctx.lineWidth = 3 * scale;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(l.text, x, y);
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, x, y);
  }
  ctx.restore();
  ctx.strokeStyle = '#1d2b3a';
  ctx.lineWidth = Math.max(1, 0.35 * k);
  ctx.strokeRect(box.x, box.y, box.w, box.h);

  // north arrow, top right of the frame, turned with the bearing
  const ax = box.x + box.w - 12 * k;
  const ay = box.y + 14 * k;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(ax - 7 * k, ay - 11 * k, 14 * k, 22 * k);
  ctx.translate(ax, ay - 1 * k);
  ctx.rotate((-src.bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -8 * k);
  ctx.lineTo(4.5 * k, 6 * k);
  ctx.lineTo(0, 3 * k);
  ctx.closePath();
  ctx.fillStyle = '#1d2b3a';
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -8 * k);
  ctx.lineTo(-4.5 * k, 6 * k);
  ctx.lineTo(0, 3 * k);
  ctx.closePath();
  ctx.fillStyle = '#8a99a8';
  ctx.fill();
  ctx.restore();
  ctx.fillStyle = '#1d2b3a';
  ctx.font = `700 ${Math.round(3.2 * k)}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(north, ax, ay + 9.5 * k);

  // scale bar, bottom left of the frame
  const bar = scaleBar(src.metersPerCssPx / scale, 45 * k);
  const bx = box.x + 6 * k;
  const by = box.y + box.h - 7 * k;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(bx - 3 * k, by - 7 * k, bar.px + 18 * k, 11 * k);
  ctx.fillStyle = '#1d2b3a';
  ctx.fillRect(bx, by, bar.px / 2, 1.4 * k);
  ctx.strokeStyle = '#1d2b3a';
  ctx.lineWidth = Math.max(1, 0.3 * k);
  ctx.strokeRect(bx, by, bar.px, 1.4 * k);
  ctx.textAlign = 'left';
  ctx.font = `400 ${Math.round(3 * k)}px ${FONT}`;
  ctx.fillText('0', bx - 0.8 * k, by - 1.5 * k);
  ctx.textAlign = 'right';
  ctx.fillText(bar.label, bx + bar.px + 4 * k, by - 1.5 * k);
  ctx.textAlign = 'left';
}

function drawSide(ctx: CanvasRenderingContext2D, box: Box, legend: LegendGroup[], text: SheetText, k: number, orientation: Orientation): void {
  const line = 5 * k;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  // landscape: legend above notes in one column; portrait: legend left, notes right
  const legendBox = orientation === 'landscape' ? box : { ...box, w: box.w * 0.45 };
  const notesBox = orientation === 'landscape' ? box : { x: box.x + box.w * 0.48, y: box.y, w: box.w * 0.52, h: box.h };
  let y = legendBox.y + 4 * k;
  ctx.fillStyle = '#16324f';
  ctx.font = `700 ${Math.round(4.2 * k)}px ${FONT}`;
  ctx.fillText(text.legendTitle, legendBox.x, y);
  y += line * 1.2;
  const cols = orientation === 'portrait' && legend.reduce((n, g) => n + g.entries.length + 1, 0) > 12 ? 2 : 1;
  const colW = legendBox.w / cols;
  let col = 0;
  const y0 = y;
  const yMax = legendBox.y + (orientation === 'landscape' ? box.h * 0.55 : legendBox.h);
  for (const g of legend) {
    if (legend.length > 1) {
      ctx.fillStyle = '#7b8794';
      ctx.font = `400 ${Math.round(3 * k)}px ${FONT}`;
      ctx.fillText(g.title, legendBox.x + col * colW, y, colW - 2 * k);
      y += line * 0.85;
    }
    for (const e of g.entries) {
      if (y > yMax && col + 1 < cols) {
        col++;
        y = y0;
      }
      const x = legendBox.x + col * colW;
      const sw = 5 * k;
      const sh = 3.6 * k;
      if (e.shape === 'line' || e.shape === 'outline') {
        if (e.fill) {
          ctx.fillStyle = e.fill;
          ctx.fillRect(x, y - sh / 2, sw, sh);
        }
        ctx.strokeStyle = e.color;
        ctx.lineWidth = 0.6 * k;
        ctx.strokeRect(x + 0.3 * k, y - sh / 2 + 0.3 * k, sw - 0.6 * k, sh - 0.6 * k);
      } else {
        ctx.globalAlpha = e.opacity ?? 1;
        ctx.fillStyle = e.color;
        ctx.fillRect(x, y - sh / 2, sw, sh);
        ctx.globalAlpha = 1;
      }
      ctx.fillStyle = '#1d2b3a';
      ctx.font = `400 ${Math.round(3.3 * k)}px ${FONT}`;
      ctx.fillText(e.label, x + sw + 2 * k, y, colW - sw - 4 * k);
      y += line;
    }
    y += line * 0.3;
  }
  // notes: shrunk (to 60 % at the most) until they fit above the sheet's bottom; what still does not fit ends in …
  const ny0 = orientation === 'landscape' ? Math.max(y + line, box.y + box.h * 0.58) : notesBox.y + 4 * k;
  const bottom = notesBox.y + notesBox.h;
  const layout = (f: number) => {
    ctx.font = `400 ${Math.round(3.2 * k * f)}px ${FONT}`;
    const blocks = text.notes.map(([label, value]) => ({ label, lines: wrap(ctx, value, notesBox.w) }));
    const height = blocks.reduce((h, b) => h + line * f * (0.75 + 0.8 * b.lines.length + 0.25), 0);
    return { f, blocks, height };
  };
  let fit = layout(1);
  for (let f = 0.95; fit.height > bottom - ny0 && f >= 0.6; f -= 0.05) fit = layout(f);
  let ny = ny0;
  const f = fit.f;
  for (const { label, lines } of fit.blocks) {
    if (ny + line * f * 0.75 > bottom) break;
    ctx.fillStyle = '#7b8794';
    ctx.font = `400 ${Math.round(2.9 * k * f)}px ${FONT}`;
    ctx.fillText(label, notesBox.x, ny, notesBox.w);
    ny += line * f * 0.75;
    ctx.fillStyle = '#1d2b3a';
    ctx.font = `400 ${Math.round(3.2 * k * f)}px ${FONT}`;
    for (let i = 0; i < lines.length; i++) {
      const last = ny + line * f * 1.6 > bottom && i < lines.length - 1;
      ctx.fillText(last ? `${lines[i].replace(/.$/u, '')}…` : lines[i], notesBox.x, ny, notesBox.w);
      ny += line * f * 0.8;
      if (last) break;
    }
    ny += line * f * 0.25;
  }
}

/** Break a text into lines no wider than `w` (CJK may break anywhere, Latin at spaces when it can). */
function wrap(ctx: CanvasRenderingContext2D, s: string, w: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (ctx.measureText(cur + ch).width > w && cur) {
      const sp = cur.lastIndexOf(' ');
      if (sp > cur.length * 0.5 && /[A-Za-z0-9]/.test(ch)) {
        out.push(cur.slice(0, sp));
        cur = cur.slice(sp + 1) + ch;
      } else {
        out.push(cur);
        cur = ch;
      }
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
