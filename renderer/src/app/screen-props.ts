// What every screen is given by the app's frame: the project, the structure chosen, the site day.
import type { Project } from '../../../main/domain/project';

export interface ScreenProps {
  project: Project;
  structureId: string | null;
  siteDay: string;
}
