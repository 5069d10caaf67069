import 'reflect-metadata';
import { createApp } from './app';
import { helperThreadsUnder } from './common/helper-threads';
import { startIdleScavenge } from './common/idle-scavenge';
import { ConfigurationError, readEnvironment } from './config/environment';
import { resolveSettings } from './config/settings';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

const say = (message: string) => process.stdout.write(`${message}\n`);

let embedded: EmbeddedDatabase | undefined;
let app: Awaited<ReturnType<typeof createApp>> | undefined;
let stopping = false;

/** Closes HTTP and the database pool, then the embedded PostgreSQL: Ctrl-C leaves no process behind. */
async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  }
  process.exit(exitCode);
}

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  // First, while the process has only the threads Node and V8 start with.
  const helpers = helperThreadsUnder('batch');
  if ('skipped' in helpers) say(`Helper threads may preempt the main thread (${helpers.skipped})`);
  const environment = readEnvironment(process.env);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal} received, stopping Receptivo`);
      void stop(0);
    });
  }
  if (!environment.DATABASE_URL) embedded = await startEmbeddedPostgres(environment.DATA_DIR, say);
  const settings = await resolveSettings(environment, environment.DATABASE_URL ?? embedded!.url);
  app = await createApp(settings);
  await app.listen(settings.PORT, settings.HOST);
  // Without --expose-gc (a bare `node server/dist/main.js`) V8 alone decides when to collect.
  startIdleScavenge();
  say(`Receptivo ready at http://${settings.HOST}:${settings.PORT} (${Date.now() - startedAt} ms)`);
}

bootstrap().catch(async (error: unknown) => {
  process.stderr.write(
    error instanceof ConfigurationError
      ? `${error.message}\n`
      : `Receptivo failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  await stop(1);
});
