export * from './domain/notice';
export * from './application/channels';
