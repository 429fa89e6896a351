import type { JsonSchema } from '../forms/schema-model';

export type OnlineMode = 'full' | 'partial' | 'none';
export const ONLINE_MODES: readonly OnlineMode[] = ['full', 'partial', 'none'];
export type Channel = 'online' | 'counter' | 'postal';
export const CHANNELS: readonly Channel[] = ['online', 'counter', 'postal'];
export const LEVELS = ['central', 'province', 'commune'] as const;
export const SUBJECTS = ['citizen', 'business', 'organization'] as const;
export const FEE_COLLECTION = ['before', 'after', 'free'] as const;

export interface ProcedureSummary {
  code: string;
  version: number;
  name: string;
  field: string;
  onlineMode: OnlineMode;
  agencies: string[];
  processingDays: number;
  feeTotal: number;
  publishedAt: string | null;
}

export interface RequiredDocument {
  id: string;
  name: string;
  originals: number;
  copies: number;
  electronicAccepted: boolean;
  template?: string;
  required: boolean;
  note?: string;
}

export interface FeeLine {
  label: string;
  amount: number;
  note?: string;
}

export interface Label {
  vi: string;
  en: string;
}

export interface WorkflowState {
  key: string;
  label: Label;
  statusCode: number;
  clock: 'not_started' | 'running' | 'paused' | 'stopped';
  terminal: boolean;
  timeLimitDays?: number;
}

export interface WorkflowAction {
  key: string;
  label: Label;
  from: string[];
  to: string;
  roles: string[];
  requires: ('note' | 'assignee' | 'resultFile')[];
}

export interface WorkflowDefinition {
  initial: string;
  states: WorkflowState[];
  actions: WorkflowAction[];
}

/** What an agency admin edits (the body of PUT /api/procedures/{code}/draft). */
export interface ProcedureContent {
  name: string;
  nameEn?: string;
  field: string;
  level: (typeof LEVELS)[number];
  implementingAgencies: string[];
  steps: string[];
  channels: Channel[];
  requiredDocuments: RequiredDocument[];
  processingDays: number;
  processingNote?: string;
  fees: FeeLine[];
  feeCollection: (typeof FEE_COLLECTION)[number];
  resultType: string;
  legalBasis: string[];
  conditions?: string;
  subjects: (typeof SUBJECTS)[number][];
  onlineMode: OnlineMode;
  formSchema: JsonSchema;
  workflow?: WorkflowDefinition;
}

export interface Procedure extends ProcedureContent {
  code: string;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  publishedAt: string | null;
  workflow: WorkflowDefinition;
}

export interface ProcedureVersion {
  version: number;
  status: string;
  name: string;
  publishedAt: string | null;
  updatedAt: string;
}

/** May a citizen apply online for this procedure? */
export function isOnline(p: Pick<ProcedureContent, 'onlineMode' | 'channels'>): boolean {
  return p.onlineMode !== 'none' && p.channels.includes('online');
}
