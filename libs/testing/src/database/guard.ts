import { databaseNameOf } from '@rsa/platform';

/**
 * Test helpers create, clone and drop databases: they refuse any database (or Redis prefix) whose
 * name lacks "test", so a misdirected DATABASE_URL can never touch a real one.
 */
export function assertTestName(name: string, what = 'database'): void {
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run on ${what} "${name}": its name must contain "test"`);
  }
}

export function assertTestDatabaseUrl(url: string): string {
  const name = databaseNameOf(url);
  assertTestName(name);
  return name;
}
