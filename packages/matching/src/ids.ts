/**
 * Candidate id ↔ slot. Postier ids are uuids: a canonical lowercase uuid is kept as four Uint32
 * words in a typed array with an open-addressing hash table (about 24 bytes per postier instead of
 * ~100 for a string in a Map). Any other id string goes to an ordinary Map.
 *
 * Ordering is the plain string order (code units); for two lowercase uuids it equals the order of
 * their 128-bit values, so comparing words gives the same answer without building strings.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMPTY = 0;

function parseUuid(id: string, out: Uint32Array): boolean {
  if (id.length !== 36 || !UUID.test(id)) return false;
  out[0] = Number.parseInt(id.slice(0, 8), 16);
  out[1] = Number.parseInt(id.slice(9, 13) + id.slice(14, 18), 16);
  out[2] = Number.parseInt(id.slice(19, 23) + id.slice(24, 28), 16);
  out[3] = Number.parseInt(id.slice(28, 36), 16);
  return true;
}

const DASH = 45;

function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ d, 0x165667b1);
  return (h ^ (h >>> 16)) >>> 0;
}

export class IdTable {
  private words = new Uint32Array(0);
  private uuid = new Uint8Array(0);
  /** slot + 1, or EMPTY */
  private table = new Int32Array(16);
  private uuidCount = 0;
  private readonly otherSlot = new Map<string, number>();
  private readonly otherId = new Map<number, string>();
  private readonly key = new Uint32Array(4);
  private readonly codes: number[] = new Array<number>(36).fill(0);

  /** Makes room for slots 0..capacity-1. */
  grow(capacity: number): void {
    if (capacity <= this.uuid.length) return;
    const w = new Uint32Array(capacity * 4);
    w.set(this.words);
    this.words = w;
    const u = new Uint8Array(capacity);
    u.set(this.uuid);
    this.uuid = u;
  }

  get(id: string): number | undefined {
    if (!parseUuid(id, this.key)) return this.otherSlot.get(id);
    const i = this.find(this.key);
    return i < 0 ? undefined : (this.table[i] ?? 0) - 1;
  }

  /** Binds a new id to `slot` (the id must be absent). */
  set(id: string, slot: number): void {
    if (!parseUuid(id, this.key)) {
      this.otherSlot.set(id, slot);
      this.otherId.set(slot, id);
      this.uuid[slot] = 0;
      return;
    }
    this.words.set(this.key, slot * 4);
    this.uuid[slot] = 1;
    if ((this.uuidCount + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    this.insert(slot);
    this.uuidCount++;
  }

  delete(id: string): void {
    if (!parseUuid(id, this.key)) {
      const slot = this.otherSlot.get(id);
      this.otherSlot.delete(id);
      if (slot !== undefined) this.otherId.delete(slot);
      return;
    }
    let i = this.find(this.key);
    if (i < 0) return;
    const slot = (this.table[i] ?? 0) - 1;
    this.uuid[slot] = 0;
    this.uuidCount--;
    // Backward-shift deletion (linear probing, no tombstones).
    const mask = this.table.length - 1;
    this.table[i] = EMPTY;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const e = this.table[j] ?? EMPTY;
      if (e === EMPTY) break;
      const k = this.home(e - 1);
      const between = i <= j ? i < k && k <= j : i < k || k <= j;
      if (!between) {
        this.table[i] = e;
        this.table[j] = EMPTY;
        i = j;
      }
    }
  }

  idOf(slot: number): string {
    if (this.uuid[slot] !== 1) return this.otherId.get(slot) ?? '';
    // Character codes into a reused array, then one flat string: a concatenation would allocate
    // every intermediate piece.
    const codes = this.codes;
    let at = 0;
    for (let k = 0; k < 4; k++) {
      const w = this.words[slot * 4 + k] ?? 0;
      for (let shift = 28; shift >= 0; shift -= 4) {
        if (at === 8 || at === 13 || at === 18 || at === 23) codes[at++] = DASH;
        const v = (w >>> shift) & 15;
        codes[at++] = v < 10 ? 48 + v : 87 + v;
      }
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** String order of the two slots' ids. */
  compare(a: number, b: number): number {
    if (this.uuid[a] === 1 && this.uuid[b] === 1) {
      const w = this.words;
      for (let k = 0; k < 4; k++) {
        const x = w[a * 4 + k] ?? 0;
        const y = w[b * 4 + k] ?? 0;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    }
    const x = this.idOf(a);
    const y = this.idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  bytes(): number {
    let b = this.words.byteLength + this.uuid.byteLength + this.table.byteLength;
    // Non-uuid ids: two Map entries (~40 bytes each) and the string (~24 bytes + characters).
    for (const id of this.otherSlot.keys()) b += 104 + id.length;
    return b;
  }

  private home(slot: number): number {
    const o = slot * 4;
    return (
      hash(this.words[o] ?? 0, this.words[o + 1] ?? 0, this.words[o + 2] ?? 0, this.words[o + 3] ?? 0) &
      (this.table.length - 1)
    );
  }

  private find(key: Uint32Array): number {
    const mask = this.table.length - 1;
    const k0 = key[0] ?? 0;
    const k1 = key[1] ?? 0;
    const k2 = key[2] ?? 0;
    const k3 = key[3] ?? 0;
    let i = hash(k0, k1, k2, k3) & mask;
    const w = this.words;
    for (;;) {
      const e = this.table[i] ?? EMPTY;
      if (e === EMPTY) return -1;
      const o = (e - 1) * 4;
      if (w[o] === k0 && w[o + 1] === k1 && w[o + 2] === k2 && w[o + 3] === k3) return i;
      i = (i + 1) & mask;
    }
  }

  private insert(slot: number): void {
    const mask = this.table.length - 1;
    let i = this.home(slot);
    while ((this.table[i] ?? EMPTY) !== EMPTY) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  private rehash(size: number): void {
    const old = this.table;
    this.table = new Int32Array(size);
    for (const e of old) if (e !== EMPTY) this.insert(e - 1);
  }
}
