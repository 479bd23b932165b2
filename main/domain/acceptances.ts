// Supervisor acceptance (监理验收, DOMAIN.md): the supervising engineer witnesses and signs the
// hold points of a panel, and without the signature the next step does not start. Which hold
// points need a signature is a project setting. A signature or a rejection is a record with its
// attempt: a rejection stays, a later signature is the next attempt, and the latest decides.
import { z } from 'zod';
import { AppError } from './errors';
import type { PanelStage } from './stages';

/** 成槽验收, 钢筋笼/隐蔽工程验收, 开盘令. */
export const HOLD_POINTS = ['trench', 'cage', 'pour'] as const;
export type HoldPoint = (typeof HOLD_POINTS)[number];
export const holdPointSchema = z.enum(HOLD_POINTS);

export const DECISIONS = ['signed', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The stage that must be recorded before a hold point can be signed, and the one it opens. */
export const HOLD_POINT_STAGES: Record<HoldPoint, { after: PanelStage; opens: PanelStage }> = {
  trench: { after: 'trench_acceptance', opens: 'desanding' },
  cage: { after: 'cage_lowered', opens: 'concreting' },
  pour: { after: 'cage_lowered', opens: 'concreting' },
};

export interface Acceptance {
  id: string;
  panelId: string;
  point: HoldPoint;
  attempt: number;
  decision: Decision;
  remark: string | null;
  /** The signer's user id and name: on a synced project, the server's account. */
  signedBy: string;
  signerName: string;
  signedAt: string;
}

/** The latest decision on each hold point of a panel (acceptances in any order). */
export function latestDecisions(
  acceptances: readonly Pick<Acceptance, 'point' | 'attempt' | 'decision'>[],
): Partial<Record<HoldPoint, Decision>> {
  const latest: Partial<Record<HoldPoint, { attempt: number; decision: Decision }>> = {};
  for (const a of acceptances) {
    const held = latest[a.point];
    if (!held || a.attempt > held.attempt) latest[a.point] = a;
  }
  return Object.fromEntries(
    Object.entries(latest).map(([point, a]) => [point, a.decision]),
  ) as Partial<Record<HoldPoint, Decision>>;
}

/**
 * The hold point whose signature the stage waits for, or nothing: a stage the project's required
 * hold points open is refused until the latest decision on each is a signature.
 */
export function assertSigned(
  panelCode: string,
  stage: PanelStage,
  required: readonly HoldPoint[],
  acceptances: readonly Pick<Acceptance, 'point' | 'attempt' | 'decision'>[],
): void {
  const decided = latestDecisions(acceptances);
  for (const point of HOLD_POINTS) {
    if (!required.includes(point) || HOLD_POINT_STAGES[point].opens !== stage) continue;
    const decision = decided[point];
    if (decision !== 'signed')
      throw new AppError('stage.needs_signature', {
        panel: panelCode,
        stage,
        point,
        rejected: decision === 'rejected',
      });
  }
}

/**
 * Whether a hold point may be decided now: its stage recorded, and not already signed (a signed
 * point is final; a rejected one is decided again).
 */
export function assertCanDecide(
  panelCode: string,
  point: HoldPoint,
  recordedStages: readonly PanelStage[],
  acceptances: readonly Pick<Acceptance, 'point' | 'attempt' | 'decision'>[],
): void {
  const after = HOLD_POINT_STAGES[point].after;
  if (!recordedStages.includes(after))
    throw new AppError('acceptance.not_recorded', { panel: panelCode, point, stage: after });
  if (latestDecisions(acceptances)[point] === 'signed')
    throw new AppError('acceptance.already_signed', { panel: panelCode, point });
}
