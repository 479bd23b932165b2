// The outline as a form holds it (text fields), and the outline it stands for.
import type { Outline, OutlineShape } from '../../../../main/domain/outline';
import { num } from '../../shared/typed-number';

export interface OutlineForm {
  shape: OutlineShape;
  lengthM: string;
  widthM: string;
  diameterM: string;
  points: string;
  closed: boolean;
}

export const BLANK_OUTLINE: OutlineForm = {
  shape: 'rectangle',
  lengthM: '60',
  widthM: '42',
  diameterM: '60',
  points: '0,0\n40,0\n40,30\n0,30',
  closed: true,
};

/** The outline the form describes; malformed numbers become NaN, which the schema names. */
export function outlineOf(form: OutlineForm): Outline {
  switch (form.shape) {
    case 'rectangle':
    case 'parallel':
      return { shape: form.shape, lengthM: num(form.lengthM), widthM: num(form.widthM) };
    case 'circle':
      return { shape: 'circle', diameterM: num(form.diameterM) };
    case 'polyline':
      return {
        shape: 'polyline',
        closed: form.closed,
        points: form.points
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [x, y] = line.split(/[,\s]+/);
            return { x: num(x ?? ''), y: num(y ?? '') };
          }),
      };
  }
}
