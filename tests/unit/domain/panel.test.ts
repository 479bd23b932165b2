import { describe, expect, it } from 'vitest';
import { panelDesignSchema, theoreticalVolume } from '../../../main/domain/panel';
import { panelTypeAt } from '../../../main/features/demo/demo-seed';

const valid = {
  code: 'A1',
  type: 'primary',
  sequence: 1,
  lengthM: 6,
  thicknessM: 1.2,
  designDepthM: 60,
  topLevelM: 3.5,
  toeLevelM: -56.5,
  cageWeightT: 40,
  jointType: 'h_steel',
};

describe('panel design', () => {
  it('computes the theoretical volume as length × thickness × depth', () => {
    expect(theoreticalVolume({ lengthM: 6, thicknessM: 1.2, designDepthM: 60 })).toBe(432);
    expect(theoreticalVolume({ lengthM: 3.4, thicknessM: 1.2, designDepthM: 60 })).toBe(244.8);
  });

  it('rejects impossible design values', () => {
    expect(panelDesignSchema.safeParse(valid).success).toBe(true);
    expect(panelDesignSchema.safeParse({ ...valid, designDepthM: -3 }).success).toBe(false);
    expect(panelDesignSchema.safeParse({ ...valid, toeLevelM: 10 }).success).toBe(false);
    expect(panelDesignSchema.safeParse({ ...valid, type: 'tertiary' }).success).toBe(false);
    expect(panelDesignSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });

  it('lays out A B A B … with a closing panel where working fronts meet', () => {
    const types = Array.from({ length: 16 }, (_, i) => panelTypeAt(i + 1, 15));
    expect(types.slice(0, 4)).toEqual(['primary', 'secondary', 'primary', 'secondary']);
    expect(types[14]).toBe('closing');
    expect(types[15]).toBe('secondary');
  });
});
