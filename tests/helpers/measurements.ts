import type { Measurements, PanelStage } from '../../main/domain/stages';

/** Measurements that pass every rule at each stage, slurry within the default limits. */
export const GOOD_MEASUREMENTS: Record<PanelStage, Measurements> = {
  guide_wall: {},
  excavation: { depthM: 60.3 },
  trench_acceptance: {
    depthM: 60.3,
    widthM: 1.22,
    verticalityXPct: 0.2,
    verticalityYPct: 0.15,
    sedimentMm: 80,
    slurryDensity: 1.2,
    slurryViscosityS: 28,
    slurrySandPct: 4,
  },
  desanding: { slurryDensity: 1.18, slurryViscosityS: 27, slurrySandPct: 3 },
  cage_lowered: {},
  concreting: { concreteVolumeM3: 285.1 },
};
