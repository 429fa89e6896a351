import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids/index.js';
import type { WorkflowDefinition } from '../../procedures/index.js';
import { type DossierRow, dossiersRepository as repo } from '../dossiers.repository.js';
import { stateOf } from '../workflow-engine.js';

/**
 * A full-online dossier whose result is ready at `from` (status 9) is returned electronically at once,
 * no trip to the desk: the workflow's action from there to status 10, by the system, in the caller's
 * transaction. Answers the dossier so returned, or null when the workflow has no such action.
 */
export async function returnOnline(
  tx: Tx,
  w: WorkflowDefinition,
  d: DossierRow,
  from: string,
  now: Date,
): Promise<DossierRow | null> {
  const ret = w.actions.find((x) => x.from.includes(from) && stateOf(w, x.to).statusCode === 10);
  if (!ret) return null;
  const end = stateOf(w, ret.to);
  const updated = await repo.update(tx, d.id, {
    state: end.key,
    statusCode: end.statusCode,
    returnedAt: now,
    updatedAt: now,
  });
  await repo.addHistory(tx, {
    id: newId('dsh'),
    dossierId: d.id,
    action: ret.key,
    fromState: from,
    toState: end.key,
    actorId: null,
    actorName: 'Hệ thống',
    note: 'Trả kết quả điện tử',
    at: now,
  });
  return updated;
}
