/** Feedback: citizen feedback and recommendations (phản ánh, kiến nghị) and petitions. */
export type * from './feedback-contract.js';
export { FEEDBACK_ESCALATE_JOB, PETITION_NOTIFY_JOB } from './feedback-contract.js';
export { createFeedback, type FeedbackModule } from './feedback.module.js';
export { CONTENT_TYPES, type ContentType } from './feedback.rules.js';
export { maskPersonalData } from './mask.js';
