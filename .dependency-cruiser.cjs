/**
 * Module boundaries (npm run depcruise, in CI):
 * - a library is entered only through its index.ts (`@rsa/<lib>` -> libs/<lib>/src/index.ts),
 *   from another library and from the apps alike; inside a library, anything goes;
 * - the kernel depends on nothing: no other library, no Nest, no TypeORM;
 * - libraries never import the apps;
 * - no cycles.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'lib-deep-import',
      severity: 'error',
      comment: 'Import another library through its public surface (@rsa/<lib>), never a deep path.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/([^/]+)/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-deep-import',
      severity: 'error',
      comment: 'Apps use libraries through their public surface (@rsa/<lib>), never a deep path.',
      from: { path: '^apps/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'kernel-is-pure',
      severity: 'error',
      comment: 'libs/kernel: ids, clock, calendar, DomainError... no framework, no other library.',
      from: { path: '^libs/kernel/' },
      to: { path: ['^libs/(?!kernel/)', '(^|/)node_modules/(@nestjs/|typeorm/|@rsa/)', '^apps/'] },
    },
    {
      name: 'lib-imports-app',
      severity: 'error',
      comment: 'Libraries are used by the apps, not the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make module initialisation order (and Nest DI) fragile.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|__fixtures__)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
