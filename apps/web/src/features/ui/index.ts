export * from './fields';
export * from './misc';
export * from './problem-view';
