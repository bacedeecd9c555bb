import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Pages the SQLite connection writes with its automatic checkpoint off, up to which the WAL may grow
 * before that connection checkpoints itself: only reached if the background checkpointer falls behind
 * or is gone, so the WAL stays bounded whatever happens to the worker.
 */
export const WAL_BACKSTOP_PAGES = 10_000;

// Plain JavaScript, run as the worker's script: it has its own connection to the same file and copies
// the WAL back into the database every intervalMs (PASSIVE: it never blocks the writer). The WAL starts
// over only when a pass has copied every frame before the next write begins; under a steady stream of
// commits that happens about once a second here, and if the log still reaches WAL_BACKSTOP_PAGES the
// server's connection completes the checkpoint itself: by then only the last frames are left to copy.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite's automatic checkpoint runs inside whichever commit crosses its threshold: that commit (and
 * with it the request waiting on it) takes several milliseconds to copy a thousand pages and sync the
 * file. This moves that work to a worker thread, off the event loop: the server's connection only
 * appends to the WAL. Stopping closes the worker's connection and waits for it to exit.
 */
export function startCheckpointer(file: string, intervalMs = 100) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  // If the worker ever fails, the server's own backstop checkpoint (WAL_BACKSTOP_PAGES) takes over.
  worker.on('error', () => {});
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Referenced again, or a process with nothing else to do would exit before the worker's 'exit'.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
