import { ModuleContext, type PlatformDeps } from '../../platform/module.js';
import type { FeedbackPorts } from './feedback-contract.js';
import { feedbackRules, type FeedbackRules } from './feedback.rules.js';

/** What the feedback use cases share: the platform, the ports and the rules in force. */
export class FeedbackContext extends ModuleContext<FeedbackPorts> {
  readonly appSecret: string;
  readonly rules: FeedbackRules;

  constructor(deps: PlatformDeps, ports: FeedbackPorts) {
    super(deps, ports);
    this.appSecret = deps.appSecret;
    this.rules = feedbackRules(deps.config);
  }
}
