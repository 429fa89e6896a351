/** Procedure catalogue (CSDL TTHC): versioned procedures, application forms and workflows. */
export { createProcedures, type ProceduresModule, type ProceduresPorts } from './procedures.module.js';
export { ProceduresService, type ProcedureView } from './procedures.service.js';
export { validateDraftFormData, validateFormData } from './form-schema.js';
export {
  DEFAULT_WORKFLOW,
  PORTAL_STATUS,
  type WorkflowAction,
  type WorkflowDefinition,
  type WorkflowState,
} from './workflow.js';
export type { ProcedureContent } from './procedure.types.js';
export { seedProcedures } from './procedures.seed.js';
