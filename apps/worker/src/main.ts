import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { keepFilesPrivate, loadAppConfig, WorkerRuntime } from '@rsa/platform';
import { WorkerModule } from './worker.module';

/**
 * The worker: an application context (no HTTP server) that processes the queues and owns the
 * schedules. On SIGTERM/SIGINT it stops taking jobs, waits for the active ones, then closes queues
 * and the database pool: give it a stop grace period longer than the longest job (a job killed
 * half-way is retried as stalled; processors are idempotent).
 */
async function bootstrap(): Promise<void> {
  keepFilesPrivate();
  // Configuration first: a bad variable stops here with just the list of problems.
  loadAppConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining active jobs`);
    try {
      // Before app.close(): Nest's own shutdown order could close the pool under a running job.
      await app.get(WorkerRuntime).drain();
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  };
  process.once('SIGTERM', (s) => void stop(s));
  process.once('SIGINT', (s) => void stop(s));
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
