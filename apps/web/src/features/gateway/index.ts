export * from './hooks';
export * from './types';
