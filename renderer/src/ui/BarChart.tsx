// A small horizontal bar chart in plain CSS: a labelled list, so screen readers get the numbers
// as text and nothing depends on a chart library.
import { formatCount } from './format';
import './BarChart.css';

export interface Bar {
  key: string;
  label: string;
  value: number;
  tone?: 'error' | 'ok' | 'info' | 'muted';
}

export function BarChart({ title, bars, lang, id }: { title: string; bars: Bar[]; lang: string; id: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure style={{ margin: 0 }} aria-labelledby={id}>
      <figcaption id={id} style={{ fontWeight: 600, marginBottom: 6 }}>
        {title}
      </figcaption>
      <dl className="ui-bars">
        {bars.map((b) => (
          <div key={b.key} style={{ display: 'contents' }}>
            <dt>{b.label}</dt>
            <dd style={{ margin: 0 }} className="ui-bar-track" aria-hidden="true">
              <div
                className={`ui-bar-fill ${b.tone === 'error' || !b.tone ? '' : b.tone}`}
                style={{ width: `${(b.value / max) * 100}%` }}
              />
            </dd>
            <dd style={{ margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatCount(b.value, lang)}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
