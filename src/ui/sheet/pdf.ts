/**
 * The map sheet as PDF, made in the browser with jsPDF (a maintained PDF library), loaded only when a PDF is asked
 * for (a separate chunk, never on first page load). The sheet is placed as one image filling the page: its Chinese
 * text is drawn by the browser with the system's CJK font, so the PDF needs no embedded CJK font (which would add
 * megabytes) and prints what the PNG shows.
 */
import type { Orientation, Paper } from './sheetLayout';
import { PAPER_MM } from './sheetLayout';

export async function sheetPdf(canvas: HTMLCanvasElement, paper: Paper, orientation: Orientation, title: string): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ orientation, unit: 'mm', format: paper.toLowerCase(), compress: true });
  const [a, b] = PAPER_MM[paper];
  const [w, h] = orientation === 'portrait' ? [a, b] : [b, a];
  doc.setProperties({ title, creator: 'Farmland Atlas (耕地保护一张图)' });
  doc.addImage(canvas, 'PNG', 0, 0, w, h, undefined, 'FAST');
  return doc.output('blob');
}
