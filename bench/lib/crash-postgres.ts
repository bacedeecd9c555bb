import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Restarts the local PostgreSQL cluster (Debian's pg_ctlcluster; a fast shutdown ends every session).
 * Runs it directly as root, otherwise through `sudo -n` (which fails rather than prompting).
 * Returns how long the restart took.
 */
export async function restartPostgres(): Promise<number> {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('no PostgreSQL cluster in /etc/postgresql');
  const command = ['pg_ctlcluster', '--skip-systemctl-redirect', version, 'main', 'restart'];
  const [file, ...args] = process.getuid?.() === 0 ? command : ['sudo', '-n', ...command];
  const started = performance.now();
  await promisify(execFile)(file as string, args);
  return performance.now() - started;
}
