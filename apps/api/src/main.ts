import { NestFactory } from '@nestjs/core';
import { AppConfig, keepFilesPrivate, loadAppConfig } from '@rsa/platform';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  keepFilesPrivate();
  // Configuration first: a bad variable stops here with just the list of problems.
  loadAppConfig();
  // abortOnError: false so that a boot failure (no database...) reaches the catch below and exits
  // 1 with its message, instead of Nest's process.abort().
  const app = await NestFactory.create(ApiModule, { bufferLogs: true, abortOnError: false });
  configureApp(app);
  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, close queues and the pool.
  app.enableShutdownHooks();
  await app.listen(app.get(AppConfig).port);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
