export * from './client';
export * from './jobs/close-expired-missions';
export * from './jobs/index';
export * from './jobs/purge-inactive-accounts';
export * from './migrate';
export * from './outbox';
export * as schema from './schema/index';
export * from './tokens';
export * from './transaction';
