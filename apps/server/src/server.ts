import { setFlagsFromString } from 'node:v8';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { createContext } from './bootstrap.js';
import { loadConfigOrExit } from './config.js';

// V8 lets the old generation grow to about 3.5 times what survived its last full collection before
// the next one. Requests in flight when a young collection runs are promoted, so a busy server's heap
// fills with that garbage: at 1.5 times, peak RSS under the intake benchmark falls from about 340 to
// 240 MB at the same throughput (bench/RESULTS.md). V8 reads it each time it sizes the heap.
setFlagsFromString('--heap-growing-percent=50');

const config = loadConfigOrExit();

const log = pino({ level: config.logLevel });
const ctx = await createContext(config, { log });
const app = await buildApp(ctx, { loggerInstance: log });
let isClosing = false;
const whenHandlersDone = trackHandlers(app, () => isClosing);

/**
 * app.close() stops accepting, answers 503 to new requests on open keep-alive connections, closes
 * the sockets (preClose in realtime) and waits for every open connection's request. It does not
 * wait for a handler whose client already hung up, so the database closes only once those are done.
 */
async function shutdown() {
  await app.close();
  await whenHandlersDone();
  await ctx.database.close();
}

function onSignal(signal: NodeJS.Signals) {
  if (isClosing) {
    log.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(1);
  }
  isClosing = true;
  log.info({ signal, timeoutSeconds: config.shutdownTimeoutSeconds }, 'shutting down');
  setTimeout(() => {
    log.error({ timeoutSeconds: config.shutdownTimeoutSeconds }, 'requests still running at shutdown timeout; exiting');
    process.exit(1);
  }, config.shutdownTimeoutSeconds * 1000).unref();
  shutdown().then(
    () => {
      log.info('shut down cleanly');
      process.exit(0);
    },
    (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

await app.listen({ port: config.port, host: config.host });
app.log.info(`Caseflow is running at ${config.publicUrl} (${ctx.database.engine})`);
// Train the triage model now, paced in the background, so the first case does not wait for it (about a
// second with the 1,650 shipped messages). ready() logs a failure itself; cases then get the ordinary result.
if (config.triage.enabled) void ctx.triage.ready();

/**
 * Counts requests from their start until their reply is sent (onSend runs once the handler is done,
 * even for a client that hung up). Replies sent while closing end their keep-alive connection:
 * Fastify does that only for requests that arrive after close() began, and the others would
 * hold close() until their keep-alive timeout.
 */
function trackHandlers(server: FastifyInstance, isClosing: () => boolean): () => Promise<void> {
  const running = new Set<FastifyRequest>();
  let notifyIdle: (() => void) | undefined;
  const finish = (request: FastifyRequest) => {
    running.delete(request);
    if (running.size === 0) notifyIdle?.();
  };
  // Callback hooks, not async ones: they run on every request and cost no promise.
  server.addHook('onRequest', (request, _reply, done) => {
    running.add(request);
    done();
  });
  server.addHook('onSend', (request, reply, payload, done) => {
    finish(request);
    if (isClosing()) reply.header('connection', 'close');
    done(null, payload);
  });
  // Should an earlier onSend hook fail before ours, the request still ends here.
  server.addHook('onResponse', (request, _reply, done) => {
    finish(request);
    done();
  });
  return () =>
    running.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          notifyIdle = resolve;
        });
}
