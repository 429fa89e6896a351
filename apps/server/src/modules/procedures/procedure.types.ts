import type { z } from 'zod';
import type { procedureContent } from './procedure.schemas.js';

export type ProcedureContent = z.infer<typeof procedureContent>;
