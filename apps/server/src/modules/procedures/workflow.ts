import { z } from 'zod';

/** National portal (DVCQG) dossier status codes 1-10 (vn-standards §4.3). */
export const PORTAL_STATUS = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
} as const;

const label = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const key = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/);

export const workflowState = z.object({
  key,
  label,
  statusCode: z.number().int().min(1).max(10),
  /** The statutory clock: not yet started (before receipt), running, paused (supplement), stopped (terminal). */
  clock: z.enum(['not_started', 'running', 'paused', 'stopped']),
  terminal: z.boolean().default(false),
  /** Per-step time limit in working days (for the process control sheet). */
  timeLimitDays: z.number().int().min(0).max(365).optional(),
});

export const workflowAction = z.object({
  key,
  label,
  from: z.array(key).min(1),
  to: key,
  /** Staff roles, or `applicant` for the citizen or business who owns the dossier. */
  roles: z.array(z.string()).min(1),
  requires: z.array(z.enum(['note', 'assignee', 'resultFile'])).default([]),
});

export const workflowDefinition = z
  .object({ initial: key, states: z.array(workflowState).min(2), actions: z.array(workflowAction).min(1) })
  .superRefine((w, ctx) => {
    const states = new Set(w.states.map((s) => s.key));
    if (states.size !== w.states.length)
      ctx.addIssue({
        code: 'custom',
        path: ['states'],
        message: 'State keys must be unique.',
        params: { code: 'DUPLICATE_STATE' },
      });
    if (!states.has(w.initial))
      ctx.addIssue({
        code: 'custom',
        path: ['initial'],
        message: 'Unknown initial state.',
        params: { code: 'UNKNOWN_STATE' },
      });
    w.actions.forEach((a, i) => {
      for (const s of [...a.from, a.to]) {
        if (!states.has(s))
          ctx.addIssue({
            code: 'custom',
            path: ['actions', i],
            message: `Unknown state ${s}.`,
            params: { code: 'UNKNOWN_STATE' },
          });
      }
    });
  });

export type WorkflowDefinition = z.infer<typeof workflowDefinition>;
export type WorkflowState = z.infer<typeof workflowState>;
export type WorkflowAction = z.infer<typeof workflowAction>;

const l = (vi: string, en: string) => ({ vi, en });

/** The default one-stop workflow of Decree 61/2018 (procedures may define others). */
export const DEFAULT_WORKFLOW: WorkflowDefinition = {
  initial: 'submitted',
  states: [
    { key: 'submitted', label: l('Mới đăng ký', 'Submitted'), statusCode: 1, clock: 'not_started', terminal: false },
    {
      key: 'received',
      label: l('Đã tiếp nhận', 'Received'),
      statusCode: 2,
      clock: 'running',
      terminal: false,
      timeLimitDays: 1,
    },
    {
      key: 'supplement_requested',
      label: l('Yêu cầu bổ sung', 'Supplement requested'),
      statusCode: 5,
      clock: 'paused',
      terminal: false,
    },
    { key: 'refused', label: l('Từ chối tiếp nhận', 'Refused'), statusCode: 3, clock: 'stopped', terminal: true },
    { key: 'processing', label: l('Đang xử lý', 'Processing'), statusCode: 4, clock: 'running', terminal: false },
    {
      key: 'pending_approval',
      label: l('Chờ phê duyệt', 'Awaiting approval'),
      statusCode: 4,
      clock: 'running',
      terminal: false,
      timeLimitDays: 1,
    },
    {
      key: 'approved',
      label: l('Đã phê duyệt', 'Approved'),
      statusCode: 4,
      clock: 'running',
      terminal: false,
      timeLimitDays: 1,
    },
    {
      key: 'result_issued',
      label: l('Đã có kết quả', 'Result issued'),
      statusCode: 9,
      clock: 'stopped',
      terminal: false,
    },
    {
      key: 'returned',
      label: l('Đã trả kết quả', 'Result returned'),
      statusCode: 10,
      clock: 'stopped',
      terminal: true,
    },
    { key: 'withdrawn', label: l('Đã rút hồ sơ', 'Withdrawn'), statusCode: 7, clock: 'stopped', terminal: true },
    // Decree 118/2025: the agency stops processing a received dossier and notifies the applicant (Mẫu 05).
    { key: 'stopped', label: l('Dừng xử lý', 'Processing stopped'), statusCode: 8, clock: 'stopped', terminal: true },
  ],
  actions: [
    {
      key: 'receive',
      label: l('Tiếp nhận', 'Receive'),
      from: ['submitted'],
      to: 'received',
      roles: ['reception'],
      requires: [],
    },
    {
      key: 'request_supplement',
      label: l('Yêu cầu bổ sung', 'Request supplement'),
      from: ['submitted', 'received', 'processing'],
      to: 'supplement_requested',
      roles: ['reception', 'specialist'],
      requires: ['note'],
    },
    {
      key: 'resubmit',
      label: l('Nộp bổ sung', 'Resubmit'),
      from: ['supplement_requested'],
      to: 'submitted',
      roles: ['applicant'],
      requires: [],
    },
    {
      key: 'refuse',
      label: l('Từ chối tiếp nhận', 'Refuse'),
      from: ['submitted'],
      to: 'refused',
      roles: ['reception'],
      requires: ['note'],
    },
    {
      key: 'assign',
      label: l('Chuyển xử lý', 'Assign'),
      from: ['received'],
      to: 'processing',
      roles: ['reception', 'leader'],
      requires: ['assignee'],
    },
    {
      key: 'submit_for_approval',
      label: l('Trình phê duyệt', 'Submit for approval'),
      from: ['processing'],
      to: 'pending_approval',
      roles: ['specialist'],
      requires: [],
    },
    {
      key: 'approve',
      label: l('Phê duyệt', 'Approve'),
      from: ['pending_approval'],
      to: 'approved',
      roles: ['leader'],
      requires: [],
    },
    {
      key: 'return_to_specialist',
      label: l('Trả lại chuyên viên', 'Return to specialist'),
      from: ['pending_approval'],
      to: 'processing',
      roles: ['leader'],
      requires: ['note'],
    },
    {
      key: 'issue_result',
      label: l('Ban hành kết quả', 'Issue result'),
      from: ['approved'],
      to: 'result_issued',
      roles: ['leader', 'clerk', 'specialist'],
      requires: ['resultFile'],
    },
    {
      key: 'return_result',
      label: l('Trả kết quả', 'Return result'),
      from: ['result_issued'],
      to: 'returned',
      roles: ['reception'],
      requires: [],
    },
    {
      key: 'withdraw',
      label: l('Rút hồ sơ', 'Withdraw'),
      from: ['submitted', 'received', 'supplement_requested', 'processing', 'pending_approval', 'approved'],
      to: 'withdrawn',
      roles: ['applicant'],
      requires: [],
    },
    {
      // The head of the agency decides it, with the reasons the notice (Mẫu 05) gives the applicant.
      key: 'stop_processing',
      label: l('Dừng xử lý', 'Stop processing'),
      from: ['received', 'supplement_requested', 'processing', 'pending_approval', 'approved'],
      to: 'stopped',
      roles: ['leader'],
      requires: ['note'],
    },
  ],
};

// Named components of the OpenAPI document (the web app's generated types refer to them).
z.globalRegistry.add(workflowDefinition, { id: 'Workflow' });
