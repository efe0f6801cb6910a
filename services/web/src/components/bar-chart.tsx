import type { ReactNode } from 'react';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** Shown instead of the raw value. */
  display?: string;
  extra?: ReactNode;
}

/**
 * A bar chart that is first a table: the caption, the labels and the values are real text for
 * screen readers and for copying; the bars are decoration (aria-hidden).
 */
export function BarChart({
  caption,
  valueLabel,
  data,
  extraLabel,
  alt,
  labelHeader = 'Libellé',
}: {
  labelHeader?: string;
  caption: string;
  valueLabel: string;
  data: BarDatum[];
  extraLabel?: string;
  alt?: boolean;
}) {
  const max = Math.max(0, ...data.map((d) => d.value));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={caption} tabIndex={0}>
      <table className="bar-chart">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="num">
              {valueLabel}
            </th>
            {extraLabel && (
              <th scope="col" className="num">
                {extraLabel}
              </th>
            )}
            <th scope="col">
              <span className="visually-hidden">Barre</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td className="num">{d.display ?? d.value}</td>
              {extraLabel && <td className="num">{d.extra}</td>}
              <td className="bar-cell" aria-hidden="true">
                {d.value > 0 && (
                  <div
                    className={alt ? 'bar bar--alt' : 'bar'}
                    style={{ width: `${max > 0 ? (d.value / max) * 100 : 0}%` }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
