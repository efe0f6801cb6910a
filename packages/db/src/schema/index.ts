export * from './associations';
export * from './digests';
export * from './messaging';
export * from './missions';
export * from './profiles';
export * from './reference';
export * from './reporting';
export * from './users';
