import { useEffect, useState } from 'react';
import { api } from './api';
import type { Departement, Domain, ItemList, Region, Skill } from './types';

/**
 * Reference data (skills, domains, régions, départements) changes with a deployment, not during a
 * visit: loaded once per page load, shared by every page. A failed load is forgotten so the next
 * page tries again.
 */

const cache = new Map<string, Promise<unknown[]>>();

function load<T>(path: string): Promise<T[]> {
  let promise = cache.get(path) as Promise<T[]> | undefined;
  if (!promise) {
    promise = api.get<ItemList<T>>(path).then((r) => r.items);
    promise.catch(() => cache.delete(path));
    cache.set(path, promise);
  }
  return promise;
}

export const loadSkills = () => load<Skill>('/skills');
export const loadDomains = () => load<Domain>('/domains');
export const loadRegions = () => load<Region>('/geo/regions');
export const loadDepartements = () => load<Departement>('/geo/departements');

export interface Reference<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  /** Label of a code, or the code itself while loading. */
  label: (code: string) => string;
}

function useReference<T extends { code: string }>(
  loader: () => Promise<T[]>,
  labelOf: (item: T) => string,
): Reference<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    loader()
      .then((result) => {
        if (live) {
          setItems(result);
          setLoading(false);
        }
      })
      .catch((err: unknown) => {
        if (live) {
          setError(err);
          setLoading(false);
        }
      });
    return () => {
      live = false;
    };
  }, [loader]);
  const byCode = new Map(items.map((item) => [item.code, item]));
  return {
    items,
    loading,
    error,
    label: (code) => {
      const item = byCode.get(code);
      return item ? labelOf(item) : code;
    },
  };
}

export const useSkills = () => useReference(loadSkills, (s) => s.label);
export const useDomains = () => useReference(loadDomains, (d) => d.label);
export const useRegions = () => useReference(loadRegions, (r) => r.name);
export const useDepartements = () => useReference(loadDepartements, (d) => `${d.name} (${d.code})`);
