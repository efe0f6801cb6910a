export * from './accounts';
export * from './generate';
