export * from './hooks';
export * from './types';
export * from './report-view';
