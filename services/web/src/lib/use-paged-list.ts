import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type QueryValue } from './api';
import type { Page } from './types';

export interface PagedList<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
  /** True while the first page or the next one loads. */
  loading: boolean;
  error: unknown;
  reload: () => void;
  loadMore: () => void;
  /** Replaces an item (same id) after an action on it. */
  replace: (item: T) => void;
  remove: (id: string) => void;
}

/** A cursor-paginated list (`{ items, nextCursor, total }`), with "Afficher plus". */
const defaultId = (item: unknown): string => String((item as { id?: unknown }).id ?? '');

export function usePagedList<T>(
  path: string,
  query: Record<string, QueryValue>,
  options: { limit?: number; enabled?: boolean; idOf?: (item: T) => string } = {},
): PagedList<T> {
  const limit = options.limit ?? 20;
  const idOf = options.idOf ?? defaultId;
  const idRef = useRef(idOf);
  idRef.current = idOf;
  const enabled = options.enabled ?? true;
  const key = `${path}?${JSON.stringify(query)}`;
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const busy = useRef(false);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<Page<T>>(path, { query: { ...queryRef.current, limit }, signal: controller.signal })
      .then((page) => {
        setItems(page.items);
        setTotal(page.total);
        setNextCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [key, attempt, enabled, limit]);

  const loadMore = useCallback(() => {
    if (!nextCursor || busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    api
      .get<Page<T>>(path, { query: { ...queryRef.current, limit, cursor: nextCursor } })
      .then((page) => {
        const id = idRef.current;
        setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => id(p) === id(i)))]);
        setTotal(page.total);
        setNextCursor(page.nextCursor);
      })
      .catch((err: unknown) => setError(err))
      .finally(() => {
        busy.current = false;
        setLoading(false);
      });
  }, [nextCursor, path, limit]);

  return {
    items,
    total,
    nextCursor,
    loading,
    error,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    loadMore,
    replace: useCallback(
      (item: T) => setItems((prev) => prev.map((p) => (idRef.current(p) === idRef.current(item) ? item : p))),
      [],
    ),
    remove: useCallback((id: string) => {
      setItems((prev) => prev.filter((p) => idRef.current(p) !== id));
      setTotal((t) => Math.max(0, t - 1));
    }, []),
  };
}
