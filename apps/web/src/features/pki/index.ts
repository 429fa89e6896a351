export * from './hooks';
export * from './types';
export * from './components';
export * from './certificate-text';
