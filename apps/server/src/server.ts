import pino from 'pino';
import { buildApp } from './app.js';
import { createContext } from './bootstrap.js';
import { loadConfigOrExit } from './config.js';

const config = loadConfigOrExit();

const log = pino({ level: config.logLevel });
const ctx = await createContext(config, { log });
const app = await buildApp(ctx, { loggerInstance: log });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await ctx.database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`Caseflow is running at ${config.publicUrl} (${ctx.database.engine})`);
