import type { PanelStatus } from '../../../main/domain/stages';

/** One colour per status, from untouched grey to concreted green, readable when printed. */
export const STATUS_COLOURS: Record<PanelStatus, string> = {
  not_started: '#e4e7ec',
  guide_wall: '#c7d2fe',
  excavation: '#fcd34d',
  trench_acceptance: '#fb923c',
  desanding: '#5eead4',
  cage_lowered: '#c084fc',
  concreting: '#22c55e',
};

/** The label key of a status: concreting done means the panel is complete. */
export function statusKey(status: PanelStatus): string {
  return status === 'concreting' ? 'stages.complete' : `stages.${status}`;
}
