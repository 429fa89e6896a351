import type { ApiBody, ApiQuery, ApiResponse, ItemOf } from '../api/types';

/** The gateway (NGSP/LGSP) as the administrators' pages see it. */
export type GatewayService = ItemOf<ApiResponse<'/api/gateway/services'>>;
export type GatewaySubsystem = ItemOf<ApiResponse<'/api/gateway/subsystems'>>;
export type SubsystemInput = ApiBody<'/api/gateway/subsystems', 'post'>;
export type ServiceInput = ApiBody<'/api/gateway/services', 'post'>;
export type GatewayRight = ItemOf<ApiResponse<'/api/gateway/services/{id}/rights'>>;
export type GatewayMessage = ItemOf<ApiResponse<'/api/gateway/messages'>>;
export type MessageFilter = ApiQuery<'/api/gateway/messages'>;
export type GatewayTlsCertificate = ItemOf<ApiResponse<'/api/gateway/subsystems/{id}/certificates'>>;
export type RevokeReason = ApiBody<'/api/pki/certificates/{id}/revoke', 'post'>['reason'];
