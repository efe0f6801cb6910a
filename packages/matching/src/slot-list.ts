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
 * A skill's posting list: the slots holding the skill, each with a tag (level 1..4 in bits 0..2,
 * POSTING_REMOTE_OK, the radius tier in bits 4..7) and the quantized latitude of the postier, so
 * that a walk can skip postiers out of reach without reading anything else.
 */
export const POSTING_LEVEL_MASK = 7;
export const POSTING_REMOTE_OK = 8;
export const POSTING_TIER_SHIFT = 4;

export class Postings {
  slots: Int32Array;
  tags: Uint8Array;
  lats: Int16Array;
  length = 0;

  constructor(capacity = 8) {
    this.slots = new Int32Array(capacity);
    this.tags = new Uint8Array(capacity);
    this.lats = new Int16Array(capacity);
  }

  push(slot: number, tag: number, lat: number): void {
    if (this.length === this.slots.length) this.resize(this.slots.length * 2);
    this.slots[this.length] = slot;
    this.tags[this.length] = tag;
    this.lats[this.length] = lat;
    this.length++;
  }

  private resize(cap: number): void {
    const n = Math.min(cap, this.length);
    const s = new Int32Array(cap);
    s.set(this.slots.subarray(0, n));
    const t = new Uint8Array(cap);
    t.set(this.tags.subarray(0, n));
    const l = new Int16Array(cap);
    l.set(this.lats.subarray(0, n));
    this.slots = s;
    this.tags = t;
    this.lats = l;
  }

  trim(): void {
    if (this.slots.length > this.length + 8) this.resize(this.length + 8);
  }

  remove(slot: number): boolean {
    const s = this.slots;
    for (let i = 0; i < this.length; i++) {
      if (s[i] === slot) {
        this.length--;
        s[i] = s[this.length] ?? 0;
        this.tags[i] = this.tags[this.length] ?? 0;
        this.lats[i] = this.lats[this.length] ?? 0;
        if (this.slots.length > 64 && this.length < this.slots.length / 4) this.resize(this.slots.length / 2);
        return true;
      }
    }
    return false;
  }

  bytes(): number {
    return this.slots.byteLength + this.tags.byteLength + this.lats.byteLength + 48;
  }
}
