import { LRUCache } from 'lru-cache';

/** Past this many remembered changes, the oldest are folded into one "everything changed" mark. */
const MAX_TRACKED_CHANGES = 10_000;

/**
 * Serialized public answers (a published mission, a page of search results), kept until the
 * database says the catalogue changed. Everyone reads the same published catalogue, so one copy
 * serves all readers; a miss costs what the read always cost. Answers are kept as UTF-8 buffers:
 * sent as they are, with no encoding per request, and outside the heap the garbage collector walks.
 *
 * A read that started before a change must not store what it read after the change was
 * announced: callers take `generation` before reading and hand it back when storing; a store is
 * dropped when its mission (or, for a search page, any mission) changed since.
 */
export class PublicReadCache {
  private readonly missions: LRUCache<string, Buffer>;
  private readonly searches: LRUCache<string, Buffer>;
  /** Counts the changes announced; each one below is the count when it was last announced. */
  private changes = 0;
  private lastChangeOf = new Map<string, number>();
  private lastAnyChange = 0;
  private lastFullChange = 0;
  private enabled = false;

  constructor(options: { maxBytes: number; ttlMs: number }) {
    // One mission page is small and everybody reads them; search pages are larger but fewer.
    const forMissions = Math.max(1, Math.floor(options.maxBytes * 0.75));
    const forSearches = Math.max(1, options.maxBytes - forMissions);
    const common = { ttl: options.ttlMs, sizeCalculation: (value: Buffer) => value.byteLength || 1 };
    this.missions = new LRUCache<string, Buffer>({ ...common, maxSize: forMissions });
    this.searches = new LRUCache<string, Buffer>({ ...common, maxSize: forSearches });
  }

  get generation(): number {
    return this.changes;
  }

  /** Only while the change feed is connected: without it nothing says when an answer goes stale. */
  get active(): boolean {
    return this.enabled;
  }

  setActive(active: boolean): void {
    if (active === this.enabled) return;
    this.forgetAll();
    this.enabled = active;
  }

  /** Whether warming more missions up would only push others out. */
  get missionsFull(): boolean {
    return this.missions.calculatedSize >= this.missions.maxSize * 0.9;
  }

  mission(id: string): Buffer | undefined {
    return this.enabled ? this.missions.get(id) : undefined;
  }

  rememberMission(id: string, json: Buffer, generation: number): void {
    if (!this.enabled || this.lastFullChange > generation) return;
    if ((this.lastChangeOf.get(id) ?? 0) > generation) return;
    this.missions.set(id, json);
  }

  search(key: string): Buffer | undefined {
    return this.enabled ? this.searches.get(key) : undefined;
  }

  rememberSearch(key: string, json: Buffer, generation: number): void {
    if (this.enabled && this.lastAnyChange <= generation) this.searches.set(key, json);
  }

  /** A mission changed: its page, and every search page, since it may enter or leave any of them. */
  forgetMission(id: string): void {
    this.changes += 1;
    this.lastAnyChange = this.changes;
    if (this.lastChangeOf.size >= MAX_TRACKED_CHANGES) {
      this.lastChangeOf.clear();
      this.lastFullChange = this.changes;
    }
    this.lastChangeOf.set(id, this.changes);
    this.missions.delete(id);
    this.searches.clear();
  }

  forgetAll(): void {
    this.changes += 1;
    this.lastAnyChange = this.changes;
    this.lastFullChange = this.changes;
    this.lastChangeOf.clear();
    this.missions.clear();
    this.searches.clear();
  }

  /** Applies one message of the `public_catalog` channel: a mission id, or `*` for everything. */
  apply(payload: string): void {
    if (payload === '*' || payload === '') this.forgetAll();
    else this.forgetMission(payload);
  }

  get size(): { missions: number; searches: number } {
    return { missions: this.missions.size, searches: this.searches.size };
  }
}
