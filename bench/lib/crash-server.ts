import { once } from 'node:events';
import { sleep } from './crash-http.js';
import { killServer, type ServerProcess } from './server-process.js';

export { killServer };

/** SIGTERM, then SIGKILL if the graceful shutdown hangs; false only when it hung (a dead server is not asked). */
export async function stopServer(server: ServerProcess, graceMs = 10_000): Promise<boolean> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return true;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!graceful) await killServer(server);
  return graceful;
}
