import type { Config } from '../../config/index.js';

/**
 * The content types of feedback on administrative regulations, Decree 20/2008/NĐ-CP Art 5 (as
 * amended by Decree 92/2017/NĐ-CP), with the kind the national portal adds for how a service was
 * delivered. Codes are stable; names are shown by the web app.
 */
export const CONTENT_TYPES = {
  /** Art 5(1): obstacles from delay, harassment, or rules not applied or wrongly applied by officials. */
  official_conduct: 'Hành vi chậm trễ, gây phiền hà, không thực hiện hoặc thực hiện không đúng quy định',
  /** Art 5(2): rules unsuited to reality. */
  unsuited: 'Quy định hành chính không phù hợp với thực tế',
  /** Art 5(3): rules inconsistent with each other. */
  inconsistent: 'Quy định hành chính không đồng bộ, không thống nhất',
  /** Art 5(4): unlawful rules. */
  unlawful: 'Quy định hành chính không hợp pháp',
  /** Art 5(5): rules contrary to treaties Vietnam is party to. */
  treaty_conflict: 'Quy định hành chính trái với điều ước quốc tế',
  /** Art 5(6): other issues of the rules (unclear, burdensome …). */
  other: 'Những vấn đề khác liên quan đến quy định hành chính',
  /** Art 5(7): a proposal how to handle one of the above. */
  handling_proposal: 'Phương án xử lý những phản ánh nêu trên',
  /** Art 5(8): an initiative for a new regulation. */
  initiative: 'Sáng kiến ban hành mới quy định hành chính',
} as const;

export type ContentType = keyof typeof CONTENT_TYPES;
export const CONTENT_TYPE_CODES = Object.keys(CONTENT_TYPES) as [ContentType, ...ContentType[]];

export interface FeedbackRules {
  answerDays: number;
  answerBasis: string;
  forwardDays: number;
  forwardBasis: string;
  petition: { threshold: number; windowDays: number; responseDays: number };
}

/** The time limits in force (configurable: the law changes, ADR 0020). */
export function feedbackRules(config: Config): FeedbackRules {
  return {
    answerDays: config.FEEDBACK_ANSWER_DAYS,
    answerBasis: config.FEEDBACK_ANSWER_BASIS,
    forwardDays: config.FEEDBACK_FORWARD_DAYS,
    forwardBasis: config.FEEDBACK_FORWARD_BASIS,
    petition: {
      threshold: config.PETITION_THRESHOLD,
      windowDays: config.PETITION_WINDOW_DAYS,
      responseDays: config.PETITION_RESPONSE_DAYS,
    },
  };
}
