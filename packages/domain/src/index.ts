export * from './enums';
export * from './identifiers';
export * from './labels';
export * from './state-machines';
export * from './quota';
export * from './valuation';
