export * from './enums';
export * from './identifiers';
export * from './labels';
export * from './state-machines';
