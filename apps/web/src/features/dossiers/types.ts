import type { ApiBody, ApiResponse, ItemOf } from '../api/types';

/** Roles that see the agency statistics. */
export const STATS_ROLES = ['leader', 'admin', 'agency_admin'];

export const BOXES = [
  'reception',
  'mine',
  'approval',
  'issue',
  'return',
  'supplement',
  'overdue',
  'forwarded',
  'all',
] as const;
export type Box = (typeof BOXES)[number];

export type DossierListItem = ItemOf<ApiResponse<'/api/dossiers'>>;
export type Dossier = ApiResponse<'/api/dossiers/{code}'>;
export type Attachment = Dossier['attachments'][number];
export type HistoryEntry = Dossier['history'][number];
export type SubmitBody = ApiBody<'/api/dossiers', 'post'>;
export type SubmitResult = ApiResponse<'/api/dossiers', 'post'>;
export type DossierDraft = ApiResponse<'/api/dossier-drafts/{id}'>;
export type DraftBody = ApiBody<'/api/dossier-drafts', 'post'>;
export type PublicDossier = ApiResponse<'/api/public/dossiers/{code}'>;
export type ActionBody = ApiBody<'/api/dossiers/{code}/actions', 'post'>;
export type ExtendBody = ApiBody<'/api/dossiers/{code}/extend', 'post'>;
export type DossierStats = ApiResponse<'/api/stats/dossiers'>;
