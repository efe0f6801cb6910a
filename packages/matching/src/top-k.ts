/**
 * Bounded binary heap keeping the best `k` (score, slot) pairs. Best = higher score, then smaller
 * id (`compareIds(a, b) < 0`). The root is the worst kept entry, so a newcomer is compared once.
 */
export class TopK {
  k: number;
  private slots: Int32Array;
  private scores: Float64Array;
  size = 0;

  constructor(
    k: number,
    private readonly compareSlots: (a: number, b: number) => number,
  ) {
    this.k = k;
    this.slots = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  /** Empties the heap for another query (one heap serves every query: no garbage per query). */
  reset(k: number): void {
    if (k > this.slots.length) {
      this.slots = new Int32Array(k);
      this.scores = new Float64Array(k);
    }
    this.k = k;
    this.size = 0;
  }

  get full(): boolean {
    return this.size >= this.k;
  }

  /** Slot of the worst kept entry (meaningful when full). */
  get worstSlot(): number {
    return this.slots[0] ?? -1;
  }

  /** Score of the worst kept entry (meaningful when full). */
  get threshold(): number {
    return this.size > 0 ? (this.scores[0] ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
  }

  /** a worse than b */
  private worse(sa: number, a: number, sb: number, b: number): boolean {
    return sa < sb || (sa === sb && this.compareSlots(a, b) > 0);
  }

  push(slot: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        const ps = this.scores[p] ?? 0;
        const pslot = this.slots[p] ?? 0;
        if (!this.worse(score, slot, ps, pslot)) break;
        this.scores[i] = ps;
        this.slots[i] = pslot;
        i = p;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    const rs = this.scores[0] ?? 0;
    const rslot = this.slots[0] ?? 0;
    if (!this.worse(rs, rslot, score, slot)) return;
    this.siftDown(slot, score);
  }

  private siftDown(slot: number, score: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let cs = this.scores[l] ?? 0;
      let cslot = this.slots[l] ?? 0;
      if (r < n) {
        const rs = this.scores[r] ?? 0;
        const rslot = this.slots[r] ?? 0;
        if (this.worse(rs, rslot, cs, cslot)) {
          c = r;
          cs = rs;
          cslot = rslot;
        }
      }
      if (!this.worse(cs, cslot, score, slot)) break;
      this.scores[i] = cs;
      this.slots[i] = cslot;
      i = c;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }

  /** Empties the heap into `out`, best first; returns how many. */
  drain(out: Int32Array): number {
    const n = this.size;
    // Popping the root (the worst) fills `out` from its end.
    for (let at = n - 1; at >= 0; at--) {
      out[at] = this.slots[0] ?? 0;
      const last = --this.size;
      if (last > 0) this.siftDown(this.slots[last] ?? 0, this.scores[last] ?? 0);
    }
    return n;
  }
}
