import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/load-app-config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI only, on the build: `typeorm migration:run -d
 * dist/libs/platform/src/database/data-source.js` (see the migration:* npm scripts).
 * Application code gets its DataSource from Nest (DatabaseModule).
 */
export default new DataSource(buildDataSourceOptions(loadAppConfig(), { applicationName: 'rsa-migrations' }));
