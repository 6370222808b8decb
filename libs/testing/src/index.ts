export * from './builders/caf-household.builder';
export * from './caf-generator';
export * from './database';
export * from './organisation/demo-organisation';
export * from './organisation/demo-portfolios';
export * from './builders/notice.builder';
export * from './pdf/pdf-text';
