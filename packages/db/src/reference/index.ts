export * from './domains';
export * from './geo';
export * from './skills';
