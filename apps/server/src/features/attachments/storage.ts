import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live, by key. The local disk is the one implementation; an S3-compatible
 * bucket would be another (write by key, read as a stream, read the first bytes, remove).
 */
export interface FileStorage {
  /** Streams `source` to a new object; it exists under the returned key only once complete. */
  write(source: Readable): Promise<{ key: string; size: number }>;
  writeBuffer(bytes: Buffer): Promise<{ key: string; size: number }>;
  read(key: string): Readable;
  /** Runs `work` with the object as a local file (the disk's own; a bucket would download it first). */
  withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T>;
  /** The object's first `bytes` bytes (what its type is decided by). */
  readHead(key: string, bytes: number): Promise<Buffer>;
  remove(key: string): Promise<void>;
  /** Removes what writes left half-done (a crash mid-upload); returns how many. */
  sweepPartial(olderThanMs: number): Promise<number>;
}

const PARTIAL = '.partial-';
const newKey = () => randomBytes(16).toString('base64url');

/** Files under DATA_DIR/uploads with generated names; a write goes to a partial file, then is renamed. */
export function localDiskStorage(dataDir: string): FileStorage {
  const folder = join(dataDir, 'uploads');
  const ready = mkdir(folder, { recursive: true });
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(folder, key);
  };
  const commit = async (partial: string) => {
    const key = newKey();
    await rename(partial, pathOf(key));
    return key;
  };
  return {
    async write(source) {
      await ready;
      const partial = join(folder, `${PARTIAL}${newKey()}`);
      try {
        await pipeline(source, createWriteStream(partial, { flags: 'wx' }));
        const { size } = await stat(partial);
        return { key: await commit(partial), size };
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async writeBuffer(bytes) {
      await ready;
      const partial = join(folder, `${PARTIAL}${newKey()}`);
      await writeFile(partial, bytes, { flag: 'wx' });
      return { key: await commit(partial), size: bytes.length };
    },
    read: (key) => createReadStream(pathOf(key)),
    withLocalFile: (key, work) => work(pathOf(key)),
    async readHead(key, bytes) {
      const handle = await open(pathOf(key), 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    remove: (key) => rm(pathOf(key), { force: true }),
    async sweepPartial(olderThanMs) {
      await ready;
      let removed = 0;
      for (const name of await readdir(folder)) {
        if (!name.startsWith(PARTIAL)) continue;
        const path = join(folder, name);
        const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
        if (Date.now() - mtimeMs < olderThanMs) continue;
        await rm(path, { force: true });
        removed++;
      }
      return removed;
    },
  };
}
