export { assertTestDatabaseUrl, assertTestName } from './guard';
export { buildTemplateDatabase, TEMPLATE_DATABASE } from './template';
export { createTestDatabase } from './test-database';
export type { CreateTestDatabaseOptions, TestDatabase } from './test-database';
export { createTestQueues, deleteKeysWithPrefix } from './test-queues';
export type { TestQueues } from './test-queues';
