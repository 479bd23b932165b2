import type { AppContext } from '../../main/app/app-context';

/** Handy ids from a demo database: the project, its shaft, teams, the milestone, panels by code. */
export async function demoIds(app: AppContext) {
  const project = await app.api['project:get']({});
  const panels = await app.api['panels:list']({ projectId: project.id });
  const crews = await app.api['crews:day']({
    projectId: project.id,
    siteDay: project.settings.demoToday!,
  });
  const milestones = await app.api['milestones:list']({ projectId: project.id });
  const byCode = new Map(panels.map((p) => [p.code, p]));
  return {
    project,
    projectId: project.id,
    structureId: project.structures[0]!.id,
    asOf: project.settings.demoToday!,
    panels,
    panel: (code: string) => byCode.get(code)!,
    teams: crews.teams,
    milestone: milestones[0]!,
    notStarted: panels.filter((p) => p.status === 'guide_wall'),
  };
}
