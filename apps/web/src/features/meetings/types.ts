import type { ApiBody, ApiResponse, ItemOf } from '../api/types';

export type Meeting = ApiResponse<'/api/meetings/{id}'>;
export type MeetingItem = Meeting['items'][number];
export type MeetingSummary = ItemOf<ApiResponse<'/api/meetings'>>;
export type MeetingStatus = Meeting['status'];
export type MeetingAction = ApiBody<'/api/meetings/{id}/actions', 'post'>;
export type CreateMeetingBody = ApiBody<'/api/meetings', 'post'>;
export type ItemBody = ApiBody<'/api/meetings/{id}/items', 'post'>;
export type ItemPatch = ApiBody<'/api/meetings/{id}/items/{itemId}', 'patch'>;
export type PaperBody = ApiBody<'/api/meetings/{id}/items/{itemId}/papers', 'post'>;
export type Person = ItemOf<ApiResponse<'/api/meetings/people'>>;
export type AgencyTask = ItemOf<ApiResponse<'/api/meetings/tasks'>>;
export type VoteBody = ApiBody<'/api/meetings/{id}/items/{itemId}/votes', 'post'>;
export type Position = NonNullable<MeetingItem['myPosition']>['position'];
export type OpinionTally = ApiResponse<'/api/opinion-requests/{id}/tally'>;
export type OpinionAnswerBody = ApiBody<'/api/opinion-requests/{id}/answers', 'post'>;
export type OpinionDecisionBody = ApiBody<'/api/opinion-requests/{id}/decision', 'post'>;
export type OpinionRequestRow = ItemOf<ApiResponse<'/api/opinion-requests'>>;
export type MeetingStats = ApiResponse<'/api/meetings/stats'>;

export const MEETING_STATUSES: readonly MeetingStatus[] = [
  'draft',
  'convened',
  'in_session',
  'closed',
  'minutes_issued',
  'cancelled',
];
/** Actions the page offers as one button (no input besides the click). */
export const SIMPLE_ACTIONS = [
  'convene',
  'confirm',
  'decline',
  'open',
  'adopt_consent',
  'close',
  'issue_minutes',
  'cancel',
] as const;
