import type { ApiBody, ApiResponse, ItemOf } from '../api/types';

export type ProcedureSummary = ItemOf<ApiResponse<'/api/procedures'>>;
export type Procedure = ApiResponse<'/api/procedures/{code}'>;
/** What an agency admin edits: a procedure without its identity and status (PUT /api/procedures/{code}/draft). */
export type ProcedureContent = Omit<Procedure, 'code' | 'version' | 'status' | 'publishedAt' | 'workflow'> & {
  workflow?: WorkflowDefinition;
};
/** The body of PUT /api/procedures/{code}/draft (defaults filled in by the server). */
export type ProcedureDraftBody = ApiBody<'/api/procedures/{code}/draft', 'put'>;
export type ProcedureVersion = ItemOf<ApiResponse<'/api/procedures/{code}/versions'>>;
export type RequiredDocument = Procedure['requiredDocuments'][number];
export type FeeLine = Procedure['fees'][number];
export type WorkflowDefinition = Procedure['workflow'];
export type WorkflowState = WorkflowDefinition['states'][number];
export type WorkflowAction = WorkflowDefinition['actions'][number];
export type Label = WorkflowState['label'];

export type OnlineMode = Procedure['onlineMode'];
export type Channel = Procedure['channels'][number];
export const ONLINE_MODES: readonly OnlineMode[] = ['full', 'partial', 'none'];
export const CHANNELS: readonly Channel[] = ['online', 'counter', 'postal'];
export const LEVELS = ['central', 'province', 'commune'] as const satisfies readonly Procedure['level'][];
export const SUBJECTS = [
  'citizen',
  'business',
  'organization',
] as const satisfies readonly Procedure['subjects'][number][];
export const FEE_COLLECTION = ['before', 'after', 'free'] as const satisfies readonly Procedure['feeCollection'][];

/** May a citizen apply online for this procedure? */
export function isOnline(p: Pick<Procedure, 'onlineMode' | 'channels'>): boolean {
  return p.onlineMode !== 'none' && p.channels.includes('online');
}
