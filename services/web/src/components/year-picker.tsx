/**
 * A row of toggle buttons, one per year, the chosen one pressed (aria-pressed) and read as
 * « Année 2026 » by screen readers.
 */
export function YearPicker({
  years,
  value,
  onChange,
}: {
  years: readonly number[];
  value: number;
  onChange: (year: number) => void;
}) {
  return (
    <p className="actions">
      {years.map((y) => (
        <button
          key={y}
          type="button"
          className={
            y === value ? 'button button--small button--primary' : 'button button--small button--secondary'
          }
          aria-pressed={y === value}
          onClick={() => onChange(y)}
        >
          <span className="visually-hidden">Année </span>
          {y}
        </button>
      ))}
    </p>
  );
}
