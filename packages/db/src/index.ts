export * from './client';
export * from './migrate';
export * from './outbox';
export * from './tokens';
export * as schema from './schema/index';
export * from './transaction';
