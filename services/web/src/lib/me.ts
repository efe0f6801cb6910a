import { api } from './api';
import type { Me } from './types';
import { useAsync } from './use-api';

export const fetchMe = (signal?: AbortSignal) => api.get<Me>('/me', { signal });

/** The logged-in account with its profile (postier) or association id (association member). */
export function useMe() {
  return useAsync((signal) => fetchMe(signal), []);
}
