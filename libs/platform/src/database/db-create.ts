/**
 * `npm run db:create [-- --recreate]`: creates the database named in DATABASE_URL if missing
 * (connecting to the server's `postgres` database). `--recreate` drops it first; refused in
 * production. Runs from the build: node dist/libs/platform/src/database/db-create.js
 */
import { loadAppConfig } from '../config/load-app-config';
import { createDatabaseIfMissing, databaseNameOf, dropDatabaseIfExists } from './admin';

async function main(argv: readonly string[]): Promise<void> {
  const config = loadAppConfig();
  const name = databaseNameOf(config.databaseUrl);
  if (argv.includes('--recreate')) {
    if (config.isProduction) throw new Error('--recreate is refused when NODE_ENV=production');
    await dropDatabaseIfExists(config.databaseUrl);
    console.log(`Dropped database ${name}`);
  }
  const created = await createDatabaseIfMissing(config.databaseUrl);
  console.log(created ? `Created database ${name}` : `Database ${name} already exists`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
