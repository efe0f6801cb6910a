export * from './enums';
export * from './identifiers';
export * from './labels';
export * from './quota';
export * from './schemas/index';
export * from './state-machines';
export * from './valuation';
