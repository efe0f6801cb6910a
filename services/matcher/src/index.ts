export * from './load';
export * from './matcher';
