/** A growable, unordered list of slot numbers (Int32Array), with swap-remove. */
export class SlotList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(slot: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = slot;
  }

  /** Removes one occurrence of `slot` (order is not kept). */
  remove(slot: number): boolean {
    const d = this.data;
    for (let i = 0; i < this.length; i++) {
      if (d[i] === slot) {
        this.length--;
        d[i] = d[this.length] ?? 0;
        this.shrink();
        return true;
      }
    }
    return false;
  }

  private shrink(): void {
    if (this.data.length > 64 && this.length < this.data.length / 4) {
      this.data = this.data.slice(0, this.data.length / 2);
    }
  }

  trim(): void {
    if (this.data.length > this.length + 4) this.data = this.data.slice(0, this.length + 4);
  }

  bytes(): number {
    return this.data.byteLength + 32;
  }
}

/**
 * A skill's posting list, sorted by slot: for each postier holding the skill, a tag (level 1..4 in
 * bits 0..2, POSTING_REMOTE_OK, the radius tier in bits 4..7), their quantized latitude and their
 * bound hint (domains, remote ok, solicitations; see matching-index.ts), so that a walk bounds a
 * postier's score from sequential reads only. Sorted lists merge without a lookup table.
 */
export const POSTING_LEVEL_MASK = 7;
export const POSTING_REMOTE_OK = 8;
export const POSTING_TIER_SHIFT = 4;

export class Postings {
  slots: Int32Array;
  tags: Uint8Array;
  lats: Int16Array;
  hints: Uint32Array;
  length = 0;

  constructor(capacity = 8) {
    this.slots = new Int32Array(capacity);
    this.tags = new Uint8Array(capacity);
    this.lats = new Int16Array(capacity);
    this.hints = new Uint32Array(capacity);
  }

  /** Inserts in slot order (appending when `slot` is the largest, as in a bulk load). */
  insert(slot: number, tag: number, lat: number, hint: number): void {
    if (this.length === this.slots.length) this.resize(this.slots.length * 2);
    let at = this.length;
    if (at > 0 && (this.slots[at - 1] ?? 0) > slot) {
      at = this.lowerBound(slot);
      this.slots.copyWithin(at + 1, at, this.length);
      this.tags.copyWithin(at + 1, at, this.length);
      this.lats.copyWithin(at + 1, at, this.length);
      this.hints.copyWithin(at + 1, at, this.length);
    }
    this.slots[at] = slot;
    this.tags[at] = tag;
    this.lats[at] = lat;
    this.hints[at] = hint;
    this.length++;
  }

  remove(slot: number): boolean {
    const at = this.lowerBound(slot);
    if (at >= this.length || this.slots[at] !== slot) return false;
    this.slots.copyWithin(at, at + 1, this.length);
    this.tags.copyWithin(at, at + 1, this.length);
    this.lats.copyWithin(at, at + 1, this.length);
    this.hints.copyWithin(at, at + 1, this.length);
    this.length--;
    if (this.slots.length > 64 && this.length < this.slots.length / 4) this.resize(this.slots.length / 2);
    return true;
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

  private resize(cap: number): void {
    const n = Math.min(cap, this.length);
    const s = new Int32Array(cap);
    s.set(this.slots.subarray(0, n));
    const t = new Uint8Array(cap);
    t.set(this.tags.subarray(0, n));
    const l = new Int16Array(cap);
    l.set(this.lats.subarray(0, n));
    const h = new Uint32Array(cap);
    h.set(this.hints.subarray(0, n));
    this.slots = s;
    this.tags = t;
    this.lats = l;
    this.hints = h;
  }

  trim(): void {
    if (this.slots.length > this.length + 8) this.resize(this.length + 8);
  }

  bytes(): number {
    return this.slots.byteLength + this.tags.byteLength + this.lats.byteLength + this.hints.byteLength + 48;
  }
}
