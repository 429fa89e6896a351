export * from './fields';
export * from './misc';
export * from './problem-view';
export * from './list';
export * from './list-params';
export * from './dates';
export * from './box-tabs';
export * from './section-nav';
