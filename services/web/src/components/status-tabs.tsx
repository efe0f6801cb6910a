import { Link } from '../lib/router';

export interface StatusTab {
  key: string;
  label: string;
  to: string;
  current: boolean;
}

/** The status filter above a list: links, with the current one marked for assistive technology. */
export function StatusTabs({ label, tabs }: { label: string; tabs: readonly StatusTab[] }) {
  return (
    <nav aria-label={label}>
      <ul className="tabs">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link to={t.to} aria-current={t.current ? 'page' : undefined}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
