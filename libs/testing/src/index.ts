export * from './builders/caf-household.builder';
export * from './caf-generator';
export * from './database';
