import type { Role } from '@passerelle/domain';
import { describeProblem } from './messages';

/**
 * The API client. The access token lives in memory only (never in storage, where any injected
 * script could read it); the refresh token is an httpOnly cookie scoped to /api/v1/auth that this
 * code never sees. A 401 triggers one refresh, then one retry.
 */

export const API_BASE = '/api/v1';

export interface FieldError {
  /** Path of the field as the api names it: `body.email`, `query.limit`. */
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/** A failed call: the problem+json answer, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(status: number, problem: Problem) {
    const code = problem.code ?? (status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`);
    super(problem.detail ?? problem.title ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
  }

  /** A sentence in French for people. */
  get userMessage(): string {
    return describeProblem(this.status, this.code, this.detail);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * A route the api does not have (yet): fastify's own 404, not an object's. Pages built ahead of
 * their api say "bientôt disponible" instead of "introuvable".
 */
export function isMissingRoute(error: unknown): boolean {
  return isApiError(error) && error.status === 404 && (error.detail ?? '').startsWith('No route');
}

/** The French message of any error thrown by a call. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.userMessage;
  return 'Une erreur inattendue est survenue. Réessayez dans quelques instants.';
}

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  emailVerified: boolean;
}

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: SessionUser;
}

let accessToken: string | null = null;
const sessionListeners = new Set<(user: SessionUser | null) => void>();

/**
 * A hint, readable by script, that this browser may hold a refresh cookie (which is httpOnly, so
 * unseen). Without it a page load skips the refresh call: anonymous visitors would otherwise spend
 * a 401, and the per-IP refresh rate limit, on every page they open. It holds nothing secret.
 */
const SESSION_HINT = 'passerelle.session';

function setSessionHint(present: boolean): void {
  try {
    if (present) window.localStorage.setItem(SESSION_HINT, '1');
    else window.localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage disabled: every page load then tries the refresh, which still works.
  }
}

export function mayHaveSession(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT) !== null;
  } catch {
    return true;
  }
}

export function onSessionChange(listener: (user: SessionUser | null) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function setSession(session: Session | null): void {
  accessToken = session?.accessToken ?? null;
  setSessionHint(session !== null);
  for (const listener of sessionListeners) listener(session?.user ?? null);
}

let refreshing: Promise<Session | null> | null = null;

async function doRefresh(): Promise<Session | null> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/auth/refresh`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, { detail: 'network error' });
  }
  if (response.status === 401) return null;
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as Session;
}

/**
 * Exchanges the refresh cookie for a new access token. One refresh at a time in this tab
 * (single flight) and across tabs (Web Locks): the refresh token rotates, and sending a rotated
 * one twice would be taken for a replay and revoke every session of the login.
 * Only a 401 ends the session; a network failure, a 429 or a 5xx is thrown and the session kept.
 */
export function refreshSession(): Promise<Session | null> {
  if (!refreshing) {
    const run = async () => {
      const session =
        typeof navigator !== 'undefined' && 'locks' in navigator
          ? await navigator.locks.request('passerelle-refresh', doRefresh)
          : await doRefresh();
      setSession(session);
      return session;
    };
    refreshing = run().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status };
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // An unreadable body: the status alone will do.
    }
  }
  return new ApiError(response.status, problem);
}

export type QueryValue = string | number | boolean | string[] | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** `application/json` unless told (`text/csv` for exports). */
  accept?: string;
  /** Set false for the auth routes themselves: a 401 there is an answer, not an expired token. */
  refreshOn401?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'network error' });
  }
}

/** One call, with the refresh-and-retry-once dance on 401. Returns the raw response when OK. */
export async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(method, path, options);
  if (response.status === 401 && options.refreshOn401 !== false) {
    const session = await refreshSession().catch(() => null);
    if (session) response = await send(method, path, options);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

export async function apiJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiJson<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiJson<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiJson<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiJson<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => apiJson<T>('DELETE', path, options),
};

/** Downloads an authenticated file (CSV export): fetch with the token, then save it through a blob link. */
export async function downloadFile(
  path: string,
  query: Record<string, QueryValue>,
  accept: string,
  filename: string,
) {
  const response = await request('GET', path, { query, accept });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
