import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { PlatformDeps } from '../../platform/module.js';
import type { Clock } from '../../platform/time/clock.js';
import type { FeedbackPorts } from './feedback-contract.js';
import { feedbackRules, type FeedbackRules } from './feedback.rules.js';

/** What the feedback use cases share: the platform, the ports and the rules in force. */
export class FeedbackContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly config: Config;
  readonly files: FileStore;
  readonly log: Logger;
  readonly appSecret: string;
  readonly rules: FeedbackRules;

  constructor(
    deps: PlatformDeps,
    readonly ports: FeedbackPorts,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.config = deps.config;
    this.files = deps.files;
    this.log = deps.log;
    this.appSecret = deps.appSecret;
    this.rules = feedbackRules(deps.config);
  }

  /** A link into the web app. */
  link(path: string) {
    return `${this.config.publicUrl}${path}`;
  }
}
