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

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const rowH = 22;
  const labelW = 112;
  const width = 320;
  const barW = width - labelW - 96;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${bars.length * rowH + 4}`} role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((b, i) => (
        <g key={b.key} transform={`translate(0 ${i * rowH + 2})`}>
          <text x={labelW - 6} y={rowH / 2 + 4} textAnchor="end" className="bar-label">
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
