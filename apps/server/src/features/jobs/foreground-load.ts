/** Requests per second above which the API counts as saturated and background work steps back. */
const BUSY_REQUESTS_PER_SECOND = 300;
const SAMPLE_MS = 100;

/**
 * How busy the API is, from the requests it starts: the job runner asks before each round. Under a
 * burst (thousands of cases a second) deliveries and fan-out would take most of the CPU and SQLite's
 * one writer from intake; they wait instead and catch up when the burst ends. Nothing is dropped: the
 * work stays in the outbox and the jobs table.
 */
export class ForegroundLoad {
  #requests = 0;
  #sampledRequests = 0;
  #sampledAt = performance.now();
  #busy = false;

  noteRequest() {
    this.#requests++;
  }

  busy() {
    const now = performance.now();
    const elapsed = now - this.#sampledAt;
    if (elapsed >= SAMPLE_MS) {
      this.#busy = ((this.#requests - this.#sampledRequests) * 1000) / elapsed >= BUSY_REQUESTS_PER_SECOND;
      this.#sampledRequests = this.#requests;
      this.#sampledAt = now;
    }
    return this.#busy;
  }
}
