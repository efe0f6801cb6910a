// Launchers without vitest: used by the one-command start and the benchmarks.
export * from './ports';
export * from './postgres';
export * from './process';
export * from './redis';
export * from './smtp-sink';
