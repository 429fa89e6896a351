export * from './hooks';
export * from './types';
export * from './components';
export * from './certificate-text';
export * from './revocation-form';
