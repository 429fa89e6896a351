export * from './hooks';
export * from './types';
export * from './passkey-confirm';
export * from './work-place';
export * from './second-factor';
