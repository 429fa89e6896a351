import type { ApiBody, ApiQuery, ApiResponse, ItemOf } from '../api/types';

/** The exchange (trục liên thông) as the hub operator's pages see it. */
export type ExchangeSelf = ApiResponse<'/api/exchange/self'>;
export type ExchangeNode = ItemOf<ApiResponse<'/api/exchange/nodes'>>;
export type NodeInput = ApiBody<'/api/exchange/nodes', 'post'>;
export type LogEntry = ItemOf<ApiResponse<'/api/exchange/log'>>;
export type LogEvent = LogEntry['event'];
export type LogFilter = ApiQuery<'/api/exchange/log'>;
export const LOG_EVENTS = [
  'sealed',
  'received',
  'routed',
  'delivered',
  'rejected',
  'duplicate',
] as const satisfies readonly LogEvent[];
/** A status package held until its agency has a seal usable for edXML (ADR 0013). */
export type HeldStatus = ItemOf<ApiResponse<'/api/exchange/packages'>>;
export type Delivery = ItemOf<ApiResponse<'/api/exchange/deliveries'>>;
export type DeliveryState = Delivery['state'];
export type DeliveryFilter = ApiQuery<'/api/exchange/deliveries'>;
export const DELIVERY_STATES = ['pending', 'done', 'rejected', 'set_aside'] as const satisfies readonly DeliveryState[];
