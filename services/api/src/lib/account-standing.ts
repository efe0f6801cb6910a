import { LRUCache } from 'lru-cache';

/** What an access token's claims are checked against: the account as it is now. */
export interface AccountStanding {
  status: string;
  role: string;
}

export interface AccountStandings {
  /** The account's current status and role, or undefined when there is no such account. */
  get(userId: string): Promise<AccountStanding | undefined>;
  /** Drops what this instance knows of the account, after it changed it (erased it, for one). */
  forget(userId: string): void;
}

/**
 * Access tokens live 15 minutes and are not looked up when verified, so an account erased,
 * disabled or given another role kept acting with its old token until it expired: writing back
 * skills just erased, say. Each request now checks the account, from a cache held for a few
 * seconds so a busy client costs one primary-key read per window, not one per request. The instance
 * that changes an account forgets it at once; another instance learns it within `ttlMs`.
 */
export function createAccountStandings(
  load: (userId: string) => Promise<AccountStanding | undefined>,
  options: { ttlMs?: number; max?: number } = {},
): AccountStandings {
  const missing = { status: 'missing', role: '' } as const satisfies AccountStanding;
  const cache = new LRUCache<string, AccountStanding>({
    max: options.max ?? 50_000,
    ttl: options.ttlMs ?? 5_000,
    // Requests of one client arriving together wait for the same read.
    fetchMethod: async (userId) => (await load(userId)) ?? missing,
  });
  return {
    async get(userId) {
      const standing = await cache.fetch(userId);
      return standing && standing !== missing ? standing : undefined;
    },
    forget(userId) {
      cache.delete(userId);
    },
  };
}
