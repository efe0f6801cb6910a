/**
 * Lists of postiers for the index's walks. Every entry carries, beside the slot, what bounds the
 * postier's score without reading their record (see matching-index.ts), so that a walk reads its
 * lists in order and touches a postier's record only when that bound can still enter the top k.
 */
export const POSTING_LEVEL_MASK = 7;
export const POSTING_REMOTE_OK = 8;
export const POSTING_TIER_SHIFT = 4;

/**
 * Availability window of an entry: first day (bits 0..15) and last day (bits 16..31), as UTC day
 * numbers clamped to 0..65535 (1970..2149; open ends at the limits). Clamping is monotone, so an
 * overlap of the true window with the mission implies one of the clamped window with the clamped
 * mission dates: a necessary condition. No quota left is stored as the empty window NO_WINDOW.
 */
export function clampDay(day: number): number {
  return Math.max(0, Math.min(0xffff, day));
}
export const NO_WINDOW = 0xffff;

/** What an entry says of its postier. */
export interface EntryFields {
  /** Level 1..4 in bits 0..2 (a skill's posting; 0 elsewhere), POSTING_REMOTE_OK, radius tier in 4..7. */
  tag: number;
  /** Latitude × 360 and longitude × 180, rounded (LAT_NONE without coordinates). */
  lat: number;
  lon: number;
  /** Domains, remote ok, solicitations (see matching-index.ts). */
  hint: number;
  /** Skill categories held. */
  cats: number;
  /** See clampDay. */
  window: number;
}

type Column = Int32Array | Uint8Array | Int16Array | Uint32Array;

function resized<T extends Column>(old: T, next: T, n: number): T {
  next.set(old.subarray(0, n));
  return next;
}

/** Columns shared by posting lists and local lists. */
export abstract class EntryColumns {
  slots: Int32Array;
  tags: Uint8Array;
  lats: Int16Array;
  lons: Int16Array;
  hints: Uint32Array;
  cats: Uint32Array;
  windows: Uint32Array;
  length = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(capacity);
    this.tags = new Uint8Array(capacity);
    this.lats = new Int16Array(capacity);
    this.lons = new Int16Array(capacity);
    this.hints = new Uint32Array(capacity);
    this.cats = new Uint32Array(capacity);
    this.windows = new Uint32Array(capacity);
  }

  protected write(at: number, slot: number, e: EntryFields): void {
    this.slots[at] = slot;
    this.tags[at] = e.tag;
    this.lats[at] = e.lat;
    this.lons[at] = e.lon;
    this.hints[at] = e.hint;
    this.cats[at] = e.cats;
    this.windows[at] = e.window;
  }

  /** Moves entries from..length to start at `to`, in every column. */
  protected shift(from: number, to: number): void {
    const end = this.length;
    this.slots.copyWithin(to, from, end);
    this.tags.copyWithin(to, from, end);
    this.lats.copyWithin(to, from, end);
    this.lons.copyWithin(to, from, end);
    this.hints.copyWithin(to, from, end);
    this.cats.copyWithin(to, from, end);
    this.windows.copyWithin(to, from, end);
  }

  /** Copies entry `from` over entry `to`. */
  protected move(from: number, to: number): void {
    this.slots[to] = this.slots[from] ?? 0;
    this.tags[to] = this.tags[from] ?? 0;
    this.lats[to] = this.lats[from] ?? 0;
    this.lons[to] = this.lons[from] ?? 0;
    this.hints[to] = this.hints[from] ?? 0;
    this.cats[to] = this.cats[from] ?? 0;
    this.windows[to] = this.windows[from] ?? 0;
  }

  protected resize(cap: number): void {
    const n = Math.min(cap, this.length);
    this.slots = resized(this.slots, new Int32Array(cap), n);
    this.tags = resized(this.tags, new Uint8Array(cap), n);
    this.lats = resized(this.lats, new Int16Array(cap), n);
    this.lons = resized(this.lons, new Int16Array(cap), n);
    this.hints = resized(this.hints, new Uint32Array(cap), n);
    this.cats = resized(this.cats, new Uint32Array(cap), n);
    this.windows = resized(this.windows, new Uint32Array(cap), n);
  }

  get capacity(): number {
    return this.slots.length;
  }

  trim(): void {
    if (this.capacity > this.length + 8) this.resize(this.length + 8);
  }

  bytes(): number {
    return this.capacity * 21 + 64;
  }
}

/** An unordered list (a grid cell, a département), with swap-remove. */
export class LocalList extends EntryColumns {
  constructor(capacity = 4) {
    super(Math.max(1, capacity));
  }

  push(slot: number, e: EntryFields): void {
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    this.write(this.length++, slot, e);
  }

  /** Removes one occurrence of `slot` (order is not kept). */
  remove(slot: number): boolean {
    const s = this.slots;
    for (let i = 0; i < this.length; i++) {
      if (s[i] === slot) {
        this.length--;
        this.move(this.length, i);
        if (this.capacity > 64 && this.length < this.capacity / 4) this.resize(this.capacity / 2);
        return true;
      }
    }
    return false;
  }
}

/**
 * A skill's posting list, sorted by slot, with one more column: the holder's skill signature in
 * the skill's category (see matching-index.ts).
 */
export class Postings extends EntryColumns {
  sigs: Uint32Array;

  constructor(capacity = 8) {
    super(capacity);
    this.sigs = new Uint32Array(capacity);
  }

  /** Inserts in slot order (appending when `slot` is the largest, as in a bulk load). */
  insert(slot: number, e: EntryFields, sig: number): void {
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    let at = this.length;
    if (at > 0 && (this.slots[at - 1] ?? 0) > slot) {
      at = this.lowerBound(slot);
      this.shift(at, at + 1);
    }
    this.write(at, slot, e);
    this.sigs[at] = sig;
    this.length++;
  }

  remove(slot: number): boolean {
    const at = this.lowerBound(slot);
    if (at >= this.length || this.slots[at] !== slot) return false;
    this.shift(at + 1, at);
    this.length--;
    if (this.capacity > 64 && this.length < this.capacity / 4) this.resize(this.capacity / 2);
    return true;
  }

  protected override shift(from: number, to: number): void {
    const end = this.length;
    super.shift(from, to);
    this.sigs.copyWithin(to, from, end);
  }

  protected override resize(cap: number): void {
    const n = Math.min(cap, this.length);
    super.resize(cap);
    this.sigs = resized(this.sigs, new Uint32Array(cap), n);
  }

  override bytes(): number {
    return this.capacity * 25 + 64;
  }

  private lowerBound(slot: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.slots[mid] ?? 0) < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
