import type { ApiBody, ApiQuery, ApiResponse, ItemOf } from '../api/types';

export type DocumentListItem = ItemOf<ApiResponse<'/api/documents'>>;
export type DocumentDetail = ApiResponse<'/api/documents/{id}'>;
export type DocumentTypeRef = ItemOf<ApiResponse<'/api/document-types'>>;
export type RegisterView = ApiResponse<'/api/registers/{book}'>;
export type Assignee = ItemOf<ApiResponse<'/api/documents/assignees'>>;
/** A status sent back to the sender of a document that arrived through the exchange (or held until the agency has a seal). */
export type StatusReply = ItemOf<ApiResponse<'/api/exchange/packages'>>;
export type CreateDocumentBody = ApiBody<'/api/documents', 'post'>;
export type PaperDocumentBody = ApiBody<'/api/documents/incoming', 'post'>;
export type ActionBody = ApiBody<'/api/documents/{id}/actions', 'post'>;

export type Urgency = DocumentListItem['urgency'];
export type Secrecy = DocumentListItem['secrecy'];
export type Box = NonNullable<ApiQuery<'/api/documents'>['box']>;
export const BOXES = ['tasks', 'drafts', 'outgoing', 'incoming'] as const satisfies readonly Box[];
export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'express'] as const satisfies readonly Urgency[];
export const SECRECIES = ['none', 'confidential', 'secret', 'top_secret'] as const satisfies readonly Secrecy[];
export type BulkSignBody = ApiBody<'/api/documents/bulk-sign', 'post'>;
