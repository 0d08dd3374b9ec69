/** The map view as a sheet needs it (filled by MapController.sheetSource). */
export interface SheetLabel {
  text: string;
  /** centre, in CSS pixels of the map container */
  x: number;
  y: number;
  /** CSS font shorthand and colour of the label as shown */
  font: string;
  color: string;
}
export interface SheetSource {
  canvas: HTMLCanvasElement;
  cssWidth: number;
  cssHeight: number;
  bearing: number;
  metersPerCssPx: number;
  labels: SheetLabel[];
  /** A point (CSS px) the sheet centres its crop on, when given (a report's site); else the view's centre. */
  focus?: [number, number];
}
