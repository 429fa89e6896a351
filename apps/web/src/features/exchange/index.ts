import './exchange.css';
export * from './hooks';
export * from './types';
export { HubOnly } from './hub-only';
export { HeldStatuses } from './held-statuses';
