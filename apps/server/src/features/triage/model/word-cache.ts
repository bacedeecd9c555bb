const SLOTS = 1 << 14;
const SLOT_MASK = SLOTS - 1;
const PROBES = 8;
const ARENA = 1 << 18;

/**
 * What the extractor derives from a word alone (its feature ids, the matcher's stem keys it hits, its
 * known char n-grams), kept for the words already read: most words of a message recur across messages,
 * and replaying a record costs far less than hashing each n-gram and prefix and looking each up in a
 * big table (a cache miss each, at intake). Keyed by the word's hash and checked letter by letter, so a
 * collision cannot swap one word's record for another's; emptied when full. It only remembers: the
 * features are the same with or without it.
 *
 * A record in `arena`: the letter count, the letters, then the payload the extractor writes; a record
 * may also own a line of numbers in `lines`.
 */
export class WordCache {
  readonly arena = new Int32Array(ARENA);
  /** One line of `width` numbers per kept word, by the order it was kept in (see pendingLine). */
  readonly lines: Float32Array;
  private readonly keys = new Int32Array(SLOTS);
  private readonly entries = new Int32Array(SLOTS).fill(-1);
  private used = 0;
  private stored = 0;
  private pending = -1;

  constructor(private readonly width: number) {
    this.lines = new Float32Array((SLOTS / 2) * width);
  }

  /** Where the line of the record last begun starts in `lines` (it is the next word to be kept). */
  pendingLine(): number {
    return this.stored * this.width;
  }

  /** Where the word's payload starts in `arena`, or -1 when it is not kept. */
  find(key: number, letters: Uint16Array, length: number): number {
    const { arena, entries, keys } = this;
    for (let probe = 0, slot = key & SLOT_MASK; probe < PROBES; probe++, slot = (slot + 1) & SLOT_MASK) {
      const entry = entries[slot]!;
      if (entry < 0) return -1;
      if (keys[slot] !== key || arena[entry] !== length) continue;
      let same = true;
      for (let i = 1; i <= length; i++) {
        if (arena[entry + i] !== letters[i]) {
          same = false;
          break;
        }
      }
      if (same) return entry + length + 1;
    }
    return -1;
  }

  /**
   * Starts a record for the word in letters[1..length] at the arena's end, with room for `payload`
   * numbers; returns where its payload goes. Until keep(), the next begin() reuses the space.
   */
  begin(letters: Uint16Array, length: number, payload: number): number {
    if (this.used + length + 1 + payload > ARENA || this.stored * 2 >= SLOTS) this.clear();
    const { arena } = this;
    const entry = this.used;
    arena[entry] = length;
    for (let i = 1; i <= length; i++) arena[entry + i] = letters[i]!;
    this.pending = entry;
    return entry + length + 1;
  }

  /** Keeps the record last begun, now ending before `end`, as the word with this hash. */
  keep(key: number, end: number): void {
    const entry = this.pending;
    this.pending = -1;
    if (entry < 0) return;
    const { entries } = this;
    for (let probe = 0, slot = key & SLOT_MASK; probe < PROBES; probe++, slot = (slot + 1) & SLOT_MASK) {
      if (entries[slot]! >= 0) continue;
      this.keys[slot] = key;
      entries[slot] = entry;
      this.used = end;
      this.stored++;
      return;
    }
  }

  private clear(): void {
    this.entries.fill(-1);
    this.used = 0;
    this.stored = 0;
  }
}
