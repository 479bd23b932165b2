// The supervisor signs or rejects a panel's hold point (监理验收). The write goes through the synced
// writer, which lets only a supervisor (or a laptop never signed in) write an acceptance; on a
// synced project the server sets the signer from the signed-in account, whatever this laptop wrote.
import { listAcceptances } from '../../../db/repositories/acceptance-repository';
import { findPanel } from '../../../db/repositories/panel-repository';
import { listPanelEvents } from '../../../db/repositories/stage-event-repository';
import {
  assertCanDecide,
  type Acceptance,
  type Decision,
  type HoldPoint,
} from '../../domain/acceptances';
import { AppError } from '../../domain/errors';
import { refusalFor } from '../../domain/roles';
import { invalid, issue } from '../../domain/validation';
import type { Store } from '../../sync/store';

export interface DecideInput {
  panelId: string;
  point: HoldPoint;
  decision: Decision;
  remark?: string | null | undefined;
}

export async function decideAcceptance(store: Store, input: DecideInput): Promise<Acceptance[]> {
  // Who may sign comes first: an engineer is told so, not that the stage is missing.
  const refused = refusalFor(store.identity.role, 'acceptances', 'decision', input.decision);
  if (refused)
    throw new AppError('auth.forbidden', { role: store.identity.role, table: 'acceptances' });
  const remark = input.remark?.trim() || null;
  if (input.decision === 'rejected' && !remark)
    throw invalid(issue('remark', 'issues.required', 'a rejection needs a remark'));
  await store.write(async (w) => {
    const panel = await findPanel(w.trx, input.panelId);
    if (!panel || panel.retiredAt)
      throw new AppError('not_found', { entity: 'panel', id: input.panelId });
    const [events, decided] = await Promise.all([
      listPanelEvents(w.trx, panel.id),
      listAcceptances(w.trx, [panel.id]),
    ]);
    assertCanDecide(
      panel.code,
      input.point,
      events.map((e) => e.stage),
      decided,
    );
    const attempt =
      Math.max(0, ...decided.filter((a) => a.point === input.point).map((a) => a.attempt)) + 1;
    await w.upsert(
      'acceptances',
      { project_id: panel.projectId, panel_id: panel.id, point: input.point, attempt },
      {
        decision: input.decision,
        remark,
        signed_by: store.identity.userId,
        signer_name: store.identity.userName || store.identity.userId,
        signed_at: w.at,
      },
    );
  });
  return listAcceptances(store.db, [input.panelId]);
}
