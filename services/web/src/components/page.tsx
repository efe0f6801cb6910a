import { type ReactNode, useEffect, useRef } from 'react';
import { errorMessage } from '../lib/api';
import { takeFocusRequest } from '../lib/router';

/**
 * Every page: its <h1> (which takes the focus after a navigation, so screen readers announce the
 * new page and keyboard users start from the top of its content) and the document title.
 */
export function Page({
  title,
  documentTitle,
  intro,
  actions,
  children,
  narrow,
}: {
  title: ReactNode;
  /** When the heading is not plain text, or should differ in the tab title. */
  documentTitle?: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  narrow?: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const docTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);

  useEffect(() => {
    if (takeFocusRequest()) headingRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    document.title = docTitle ? `${docTitle} · Passerelle` : 'Passerelle';
  }, [docTitle]);

  return (
    <div className={narrow ? 'page page--narrow' : 'page'}>
      <div className="page__head">
        <h1 ref={headingRef} tabIndex={-1} className="page__title">
          {title}
        </h1>
        {actions && <div className="page__actions">{actions}</div>}
      </div>
      {intro && <div className="page__intro">{intro}</div>}
      {children}
    </div>
  );
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p>{children}</p>
      {action}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="state state--error" role="alert">
      <p>{children ?? errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Réessayer
        </button>
      )}
    </div>
  );
}

/** A polite announcement area: success messages after an action. */
export function Notice({
  kind = 'success',
  children,
}: {
  kind?: 'success' | 'info' | 'warning';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice--${kind}`} role="status">
      {children}
    </div>
  );
}

export function StatusBadge({
  tone,
  children,
}: {
  tone: 'neutral' | 'success' | 'warning' | 'danger' | 'info';
  children: ReactNode;
}) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
