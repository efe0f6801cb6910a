import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type Ref,
  useMemo,
  useSyncExternalStore,
} from 'react';

/**
 * A tiny history-based router: the app has a dozen flat routes, which does not justify a dependency.
 * Links are real <a href> (open in a new tab, copy the address…); plain left clicks are intercepted.
 */

export interface RouterLocation {
  pathname: string;
  search: string;
  hash: string;
  /** Bumped on every navigation, so effects can tell two visits of the same address apart. */
  key: number;
}

const listeners = new Set<() => void>();
let current: RouterLocation = readLocation(0);
/** Set when the pathname changes: the next page to mount moves the focus to its heading. */
let focusPending = false;

function readLocation(key: number): RouterLocation {
  if (typeof window === 'undefined') return { pathname: '/', search: '', hash: '', key };
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash, key };
}

function update(): void {
  const next = readLocation(current.key + 1);
  if (next.pathname !== current.pathname) {
    focusPending = true;
    window.scrollTo(0, 0);
  }
  current = next;
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', update);
}

let preloader: (pathname: string) => Promise<unknown> = () => Promise.resolve();

/** Set by the app: loads the code of the page at a path, so navigating does not flash a fallback. */
export function setNavigationPreloader(load: (pathname: string) => Promise<unknown>): void {
  preloader = load;
}

let pendingNavigation = 0;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = `${url.pathname}${url.search}${url.hash}`;
  const ticket = ++pendingNavigation;
  const go = () => {
    // A later click wins over a slower earlier one.
    if (ticket !== pendingNavigation) return;
    if (options.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    update();
  };
  // A chunk that fails to load still navigates: the page's error boundary says so.
  preloader(url.pathname).then(go, go);
}

/** True once per pathname change: the caller (the page heading) takes the focus. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): RouterLocation {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}

export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Matches `/missions/:id` against a pathname; returns the decoded params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const p = patternParts[i] as string;
    const actual = pathParts[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (p !== actual) {
      return null;
    }
  }
  return params;
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    event.button === 0 &&
    !event.metaKey &&
    !event.altKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.defaultPrevented
  );
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  children: ReactNode;
  /** Marks the link `aria-current="page"` when the current pathname is `to` (or under it, with `prefix`). */
  activeMatch?: 'exact' | 'prefix';
  ref?: Ref<HTMLAnchorElement>;
}

export function Link({ to, children, onClick, activeMatch, target, ...rest }: LinkProps) {
  const { pathname } = useLocation();
  const toPath = to.split(/[?#]/)[0] ?? to;
  const active =
    activeMatch === 'exact'
      ? pathname === toPath
      : activeMatch === 'prefix'
        ? pathname === toPath || pathname.startsWith(`${toPath}/`)
        : false;
  return (
    <a
      href={to}
      target={target}
      aria-current={active ? 'page' : undefined}
      onClick={(event) => {
        onClick?.(event);
        if (!target && isPlainLeftClick(event)) {
          event.preventDefault();
          navigate(to);
        }
      }}
      {...rest}
    >
      {children}
    </a>
  );
}

/** Builds `path?query` from an object, skipping empty values; arrays repeat the key. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | string[] | undefined | null>,
) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== '') params.append(key, v);
    } else {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
