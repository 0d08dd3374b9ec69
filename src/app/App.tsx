import { LAYER_KINDS } from '../core/layers/kinds';

/** Placeholder page until the dashboard lands: shows the layer kinds the engine knows. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif', padding: 24 }}>
      <h1>耕地保护一张图 · Farmland Atlas</h1>
      <ul>
        {LAYER_KINDS.map((k) => (
          <li key={k.id}>
            <span style={{ display: 'inline-block', width: 12, height: 12, background: k.color, marginRight: 8 }} />
            {k.zh} · {k.en}
          </li>
        ))}
      </ul>
    </main>
  );
}
