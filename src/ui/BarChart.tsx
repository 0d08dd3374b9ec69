/** Horizontal SVG bars; the data is also in the table twin beside it (the chart is aria-hidden from the table). */
export interface Bar {
  key: string;
  label: string;
  value: number;
  color?: string;
  text: string;
}

/** Labels fit the label column: about 8 CJK characters or 16 Latin ones. */
function shorten(label: string): string {
  const max = /[\u3400-\u9fff]/.test(label) ? 8 : 16;
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Width of a value text at the chart's 10.5 px: CJK characters are square, digits and Latin about 0.6 em. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3400-\u9fff\uff00-\uffef]/.test(ch) ? 10.5 : 6.3;
  return w;
}

/**
 * The longest bar leaves room for the widest value text after it (a fixed 96 px cut "1,367,711.0 · 83.54%" off at
 * the chart's edge).
 */
export function barWidth(width: number, labelW: number, texts: string[]): number {
  const room = Math.max(0, ...texts.map(textWidth)) + 8;
  return Math.max(40, width - labelW - room);
}

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const rowH = 22;
  const labelW = 112;
  const width = 320;
  const barW = barWidth(width, labelW, bars.map((b) => b.text));
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${bars.length * rowH + 4}`} role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((b, i) => (
        <g key={b.key} transform={`translate(0 ${i * rowH + 2})`}>
          <text x={labelW - 6} y={rowH / 2 + 4} textAnchor="end" className="bar-label">
            {/* a shortened label ("Permanent basic…") keeps its full name as a tooltip */}
            {shorten(b.label) !== b.label && <title>{b.label}</title>}
            {shorten(b.label)}
          </text>
          <rect x={labelW} y={3} width={Math.max(1, (b.value / max) * barW)} height={rowH - 8} rx={2} fill={b.color ?? '#5b8c5a'} />
          <text x={labelW + Math.max(1, (b.value / max) * barW) + 4} y={rowH / 2 + 4} className="bar-value">
            {b.text}
          </text>
        </g>
      ))}
    </svg>
  );
}
