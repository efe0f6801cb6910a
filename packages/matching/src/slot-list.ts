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

  bytes(): number {
    return this.data.byteLength + 32;
  }
}

/** A skill's posting list: slots holding the skill, with the level each holds it at. */
export class Postings {
  slots: Int32Array;
  levels: Uint8Array;
  length = 0;

  constructor(capacity = 8) {
    this.slots = new Int32Array(capacity);
    this.levels = new Uint8Array(capacity);
  }

  push(slot: number, level: number): void {
    if (this.length === this.slots.length) {
      const cap = this.slots.length * 2;
      const s = new Int32Array(cap);
      s.set(this.slots);
      const l = new Uint8Array(cap);
      l.set(this.levels);
      this.slots = s;
      this.levels = l;
    }
    this.slots[this.length] = slot;
    this.levels[this.length] = level;
    this.length++;
  }

  remove(slot: number): boolean {
    const s = this.slots;
    for (let i = 0; i < this.length; i++) {
      if (s[i] === slot) {
        this.length--;
        s[i] = s[this.length] ?? 0;
        this.levels[i] = this.levels[this.length] ?? 0;
        return true;
      }
    }
    return false;
  }

  bytes(): number {
    return this.slots.byteLength + this.levels.byteLength + 40;
  }
}
