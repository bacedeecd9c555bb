/**
 * One term's postings: the slots of the articles that have it, with its weighted frequency in each, in
 * typed arrays that grow by doubling (8 bytes a posting; 10,000 articles hold a few million).
 */
export class Postings {
  #slots = new Int32Array(4);
  #frequencies = new Float32Array(4);
  #size = 0;

  get size() {
    return this.#size;
  }

  add(slot: number, frequency: number) {
    if (this.#size === this.#slots.length) {
      const slots = new Int32Array(this.#size * 2);
      slots.set(this.#slots);
      this.#slots = slots;
      const frequencies = new Float32Array(this.#size * 2);
      frequencies.set(this.#frequencies);
      this.#frequencies = frequencies;
    }
    this.#slots[this.#size] = slot;
    this.#frequencies[this.#size] = frequency;
    this.#size++;
  }

  /** Order does not matter to scoring: the last posting takes the removed one's place. */
  remove(slot: number) {
    const at = this.#slots.subarray(0, this.#size).indexOf(slot);
    if (at < 0) return;
    this.#size--;
    this.#slots[at] = this.#slots[this.#size] as number;
    this.#frequencies[at] = this.#frequencies[this.#size] as number;
  }

  forEach(visit: (slot: number, frequency: number) => void) {
    const slots = this.#slots;
    const frequencies = this.#frequencies;
    for (let i = 0; i < this.#size; i++) visit(slots[i] as number, frequencies[i] as number);
  }
}
