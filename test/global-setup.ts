/**
 * Once per jest run: (re)build the template database (`rsa_test_template_<checkout digest>`) by running every
 * migration on a fresh database, so migrations always apply from scratch and each test file can
 * clone it (libs/testing/src/database). Configuration: config/.env.test (jest sets NODE_ENV=test).
 */
import Module from 'node:module';
import { join } from 'node:path';

type Resolver = (this: unknown, request: string, ...rest: unknown[]) => string;

/**
 * globalSetup runs outside jest's module system, where moduleNameMapper does not apply: map the
 * `@rsa/<lib>` aliases to libs/<lib>/src for the duration of the setup.
 */
function withAliases<T>(work: () => Promise<T>): Promise<T> {
  const loader = Module as unknown as { _resolveFilename: Resolver };
  const original = loader._resolveFilename;
  loader._resolveFilename = function (request, ...rest) {
    const lib = /^@rsa\/([a-z-]+)$/.exec(request)?.[1];
    return original.call(this, lib ? join(__dirname, '..', 'libs', lib, 'src') : request, ...rest);
  };
  return work().finally(() => {
    loader._resolveFilename = original;
  });
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await withAliases(async () => {
    const { buildTemplateDatabase, TEMPLATE_DATABASE } = await import('../libs/testing/src/database/template');
    // The local token issuer the tests' APIs trust (config/.env.test): its key, once, before any API starts.
    const { ensureLocalIssuerKey } = await import('../libs/access/src/infrastructure/local-issuer');
    const { loadAppConfig } = await import('../libs/platform/src/config/load-app-config');
    await ensureLocalIssuerKey(loadAppConfig().auth);
    try {
      await buildTemplateDatabase();
      console.log(`\nTemplate database ${TEMPLATE_DATABASE} migrated in ${Date.now() - started} ms`);
    } catch (error) {
      throw new Error(
        `Could not build the test template database: ${(error as Error).message}\n` +
          'Is PostgreSQL running on 127.0.0.1:5432? (npm test starts it: scripts/test.sh)',
      );
    }
  });
}
