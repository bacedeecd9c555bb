import { randomBytes } from 'node:crypto';
import { runStatement } from '../../apps/server/src/testing/postgres-admin.js';

export { runStatement };

/** A database of its own for one run (`<prefix>_<random>`), dropped afterwards; runs never see each other's rows. */
export async function createScratchDatabase(
  baseUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await runStatement(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runStatement(baseUrl, `drop database if exists ${name} with (force)`),
  };
}
