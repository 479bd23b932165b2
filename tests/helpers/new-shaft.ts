// A new project with a 36 × 24 m shaft of 6.0 m A and 4.0 m B panels (24 panels, A1 first), set up
// through the API as a manager would, with the settings a test gives.
import type { AppContext } from '../../main/app/app-context';
import type { PanelSummary } from '../../main/domain/panel';
import type { ProjectSettings } from '../../main/domain/settings';

export async function newShaft(
  app: AppContext,
  names: { code: string; nameZh: string; nameEn: string },
  settings: Partial<ProjectSettings> = {},
): Promise<{ projectId: string; panels: PanelSummary[] }> {
  const project = await app.api['project:create'](names);
  if (Object.keys(settings).length)
    await app.api['project:update']({ projectId: project.id, settings });
  const saved = await app.api['structures:save']({
    projectId: project.id,
    ...names,
    code: `${names.code}-S`,
    kind: 'shaft',
    outline: { shape: 'rectangle', lengthM: 36, widthM: 24 },
  });
  await app.api['layout:apply']({
    structureId: saved.structures[0]!.id,
    primaryLengthM: 6,
    secondaryLengthM: 4,
    thicknessM: 1,
    designDepthM: 40,
  });
  return { projectId: project.id, panels: await app.api['panels:list']({ projectId: project.id }) };
}
