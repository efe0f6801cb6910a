import { LRUCache } from 'lru-cache';

/**
 * Serialized public answers (a published mission, a page of search results), kept until the
 * database says the catalogue changed. Everyone reads the same published catalogue, so one copy
 * serves all readers; a miss costs what the read always cost.
 *
 * A read that started before a change must not store what it read after the change was
 * announced: callers take `generation` before reading and hand it back when storing, and any
 * change moves the generation on, so such a late store is dropped.
 */
export class PublicReadCache {
  private readonly missions: LRUCache<string, string>;
  private readonly searches: LRUCache<string, string>;
  private current = 0;
  private enabled = false;

  constructor(options: { maxBytes: number; ttlMs: number }) {
    // Missions are read one by one by everybody; search pages are fewer but larger.
    const half = Math.max(1, Math.floor(options.maxBytes / 2));
    const common = { ttl: options.ttlMs, sizeCalculation: (value: string) => value.length * 2 || 1 };
    this.missions = new LRUCache<string, string>({ ...common, maxSize: half });
    this.searches = new LRUCache<string, string>({ ...common, maxSize: half });
  }

  get generation(): number {
    return this.current;
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

  mission(id: string): string | undefined {
    return this.enabled ? this.missions.get(id) : undefined;
  }

  rememberMission(id: string, json: string, generation: number): void {
    if (this.enabled && generation === this.current) this.missions.set(id, json);
  }

  search(key: string): string | undefined {
    return this.enabled ? this.searches.get(key) : undefined;
  }

  rememberSearch(key: string, json: string, generation: number): void {
    if (this.enabled && generation === this.current) this.searches.set(key, json);
  }

  /** A mission changed: its page, and every search page, since it may enter or leave any of them. */
  forgetMission(id: string): void {
    this.current += 1;
    this.missions.delete(id);
    this.searches.clear();
  }

  forgetAll(): void {
    this.current += 1;
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
