export * from './ports';
export * from './postgres';
export * from './process';
export * from './redis';
export * from './smtp-sink';
export * from './test-database';
