import type { ApiBody, ApiQuery, ApiResponse, ItemOf } from '../api/types';

export type Feedback = ApiResponse<'/api/feedback/{code}'>;
export type FeedbackListItem = ItemOf<ApiResponse<'/api/feedback'>>;
export type FeedbackStatus = Feedback['status'];
export type FeedbackAction = ApiBody<'/api/feedback/{code}/actions', 'post'>;
export type SubmitFeedbackBody = ApiBody<'/api/feedback', 'post'>;
export type PublicFeedback = ItemOf<ApiResponse<'/api/public/feedback'>>;
export type PublicFeedbackQuery = ApiQuery<'/api/public/feedback'>;
export type FeedbackStats = ApiResponse<'/api/stats/feedback'>;
export type Petition = ApiResponse<'/api/petitions/{id}'>;
export type PetitionQuery = ApiQuery<'/api/public/petitions'>;
export type FeedbackBox = NonNullable<ApiQuery<'/api/feedback'>['box']>;

export const FEEDBACK_BOXES: readonly FeedbackBox[] = ['inbox', 'unrouted', 'approval', 'overdue', 'published', 'all'];
export const CONTENT_TYPES = [
  'official_conduct',
  'unsuited',
  'inconsistent',
  'unlawful',
  'treaty_conflict',
  'other',
  'handling_proposal',
  'initiative',
] as const;
