import { ModuleContext } from '../../platform/module.js';
import { AnswerCache } from './answer-cache.js';
import type { ReportingPorts } from './reporting-contract.js';

/** What the reporting use cases share: the platform and the ports. */
export class ReportingContext extends ModuleContext<ReportingPorts> {
  /** Dashboard answers until the next refresh (see AnswerCache). */
  readonly answers = new AnswerCache();
}
