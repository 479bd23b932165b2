// The supervisor's hold points: which stage waits for which signature, and the latest decision.
import { describe, expect, it } from 'vitest';
import { assertCanDecide, assertSigned, latestDecisions } from '../../../main/domain/acceptances';
import { refusal } from '../../helpers/refusal';

describe('supervisor acceptance', () => {
  it('opens a stage on the latest decision: rejected, then signed', () => {
    const rejected = [{ point: 'trench' as const, attempt: 1, decision: 'rejected' as const }];
    const signed = [
      ...rejected,
      { point: 'trench' as const, attempt: 2, decision: 'signed' as const },
    ];
    expect(latestDecisions(signed)).toEqual({ trench: 'signed' });
    // In any order: the attempt decides, not the position.
    expect(latestDecisions([...signed].reverse())).toEqual({ trench: 'signed' });
    expect(refusal(() => assertSigned('A1', 'desanding', ['trench'], []))).toMatchObject({
      code: 'stage.needs_signature',
      details: { panel: 'A1', point: 'trench', rejected: false },
    });
    expect(refusal(() => assertSigned('A1', 'desanding', ['trench'], rejected))).toMatchObject({
      details: { rejected: true },
    });
    expect(refusal(() => assertSigned('A1', 'desanding', ['trench'], signed))).toBeNull();
    // Not required, or not the stage it opens: nothing waits.
    expect(refusal(() => assertSigned('A1', 'desanding', [], []))).toBeNull();
    expect(refusal(() => assertSigned('A1', 'cage_lowered', ['trench'], []))).toBeNull();
    // Concreting waits for both the cage's acceptance and the order to pour.
    const cage = [{ point: 'cage' as const, attempt: 1, decision: 'signed' as const }];
    expect(refusal(() => assertSigned('A1', 'concreting', ['cage', 'pour'], cage))).toMatchObject({
      details: { point: 'pour' },
    });
  });

  it('decides a hold point only once its stage is recorded, and never after a signature', () => {
    expect(refusal(() => assertCanDecide('A1', 'cage', ['guide_wall'], []))).toMatchObject({
      code: 'acceptance.not_recorded',
      details: { point: 'cage', stage: 'cage_lowered' },
    });
    const stages = ['guide_wall', 'excavation', 'trench_acceptance'] as const;
    expect(refusal(() => assertCanDecide('A1', 'trench', stages, []))).toBeNull();
    const rejected = [{ point: 'trench' as const, attempt: 1, decision: 'rejected' as const }];
    expect(refusal(() => assertCanDecide('A1', 'trench', stages, rejected))).toBeNull();
    const signed = [{ point: 'trench' as const, attempt: 1, decision: 'signed' as const }];
    expect(refusal(() => assertCanDecide('A1', 'trench', stages, signed))).toMatchObject({
      code: 'acceptance.already_signed',
    });
  });
});
