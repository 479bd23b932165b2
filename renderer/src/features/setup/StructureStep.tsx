// A structure, its outline and its panels: the layout is proposed from the outline and the nominal
// panel lengths, shown on the wall plan, and created only when the engineer accepts it.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTLINE_SHAPES } from '../../../../main/domain/outline';
import type { PanelSummary } from '../../../../main/domain/panel';
import type { PanelLayout } from '../../../../main/domain/panel-layout';
import { STRUCTURE_KINDS, type Project, type StructureKind } from '../../../../main/domain/project';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { Field, textFields } from '../../shared/Field';
import { WallPlan } from '../panels/WallPlan';
import { fieldErrors } from '../../shared/field-errors';
import { call } from '../../api';
import { num } from '../../shared/typed-number';
import { useTask } from '../../shared/use-task';
import { BLANK_OUTLINE, outlineOf, type OutlineForm } from './outline-form';
import { ChoiceField } from '../../shared/Choice';
import { Action } from '../../shared/Action';

const WALL = {
  primaryLengthM: '3.6',
  secondaryLengthM: '3.2',
  thicknessM: '1.2',
  designDepthM: '60',
  topLevelM: '0',
};
type WallField = keyof typeof WALL;

export function StructureStep({ project, onCreated }: { project: Project; onCreated: () => void }) {
  const { t } = useTranslation();
  const [names, setNames] = useState({ code: '', nameZh: '', nameEn: '' });
  const [kind, setKind] = useState<StructureKind>('shaft');
  const [outline, setOutline] = useState<OutlineForm>(BLANK_OUTLINE);
  const [wall, setWall] = useState(WALL);
  const [layout, setLayout] = useState<PanelLayout | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const { busy, error, run } = useTask();
  const invalid = fieldErrors(error);
  const spec = () => ({
    primaryLengthM: num(wall.primaryLengthM),
    secondaryLengthM: num(wall.secondaryLengthM),
    thicknessM: num(wall.thicknessM),
    designDepthM: num(wall.designDepthM),
    topLevelM: num(wall.topLevelM),
  });
  const preview = () =>
    run(async () =>
      setLayout(
        await call('layout:preview', {
          outline: outlineOf(outline),
          ...spec(),
          panelLengths: project.settings.panelLengths,
        }),
      ),
    );
  const accept = () =>
    run(async () => {
      const saved = await call('structures:save', {
        projectId: project.id,
        ...names,
        kind,
        outline: outlineOf(outline),
      });
      const structure = saved.structures.find((s) => s.code === names.code)!;
      setCreated((await call('layout:apply', { structureId: structure.id, ...spec() })).created);
      onCreated();
    });
  return (
    <div data-testid="wizard-structure">
      <NamesRow names={names} kind={kind} invalid={invalid} onNames={setNames} onKind={setKind} />
      <OutlineFields
        form={outline}
        invalid={invalid}
        onChange={(o) => {
          setOutline(o);
          setLayout(null);
        }}
      />
      <WallFields wall={wall} invalid={invalid} onChange={setWall} />
      {error !== null && <ErrorPanel error={error} />}
      <div className="form-actions">
        <Action busy={busy} onClick={preview} testId="layout-preview">
          {t('setup.preview')}
        </Action>
        <Action
          primary
          busy={busy || !layout || created !== null}
          onClick={accept}
          testId="layout-apply"
        >
          {t('setup.apply')}
        </Action>
        {created !== null && (
          <span className="saved" role="status" data-testid="layout-created">
            ✓ {t('setup.created', { count: created })}
          </span>
        )}
      </div>
      {layout && <LayoutPreview layout={layout} form={outline} />}
    </div>
  );
}

function WallFields(props: {
  wall: typeof WALL;
  invalid: Record<string, string>;
  onChange: (wall: typeof WALL) => void;
}) {
  const { t } = useTranslation();
  const { wall } = props;
  const text = textFields(wall, props.onChange, { testPrefix: 'wall', invalid: props.invalid });
  const field = (key: WallField, label: string) => text(key, t(label));
  return (
    <div className="form-row">
      {field('primaryLengthM', 'setup.primaryLength')}
      {field('secondaryLengthM', 'setup.secondaryLength')}
      {field('thicknessM', 'setup.thickness')}
      {field('designDepthM', 'setup.depth')}
      {field('topLevelM', 'setup.topLevel')}
    </div>
  );
}

function NamesRow(props: {
  names: { code: string; nameZh: string; nameEn: string };
  kind: StructureKind;
  invalid: Record<string, string>;
  onNames: (names: { code: string; nameZh: string; nameEn: string }) => void;
  onKind: (kind: StructureKind) => void;
}) {
  const { t } = useTranslation();
  const { names, invalid } = props;
  const text = textFields(names, props.onNames, { testPrefix: 'structure', invalid });
  const input = (key: keyof typeof names, label: string) => text(key, t(label));
  return (
    <div className="form-row">
      {input('code', 'setup.structureCode')}
      {input('nameZh', 'setup.nameZh')}
      {input('nameEn', 'setup.nameEn')}
      <ChoiceField
        label={t('setup.kind')}
        value={props.kind}
        options={STRUCTURE_KINDS}
        labels="setup.kinds"
        onChange={props.onKind}
        testId="structure-kind"
      />
    </div>
  );
}

function OutlineFields(props: {
  form: OutlineForm;
  invalid: Record<string, string>;
  onChange: (form: OutlineForm) => void;
}) {
  const { t } = useTranslation();
  const { form, invalid, onChange } = props;
  const text = textFields(form, onChange, {
    testPrefix: 'outline',
    invalid,
    errorPrefix: 'outline.',
  });
  const input = (key: 'lengthM' | 'widthM' | 'diameterM', label: string) => text(key, t(label));
  return (
    <div className="form-row">
      <ChoiceField
        label={t('setup.outline')}
        error={invalid.outline}
        value={form.shape}
        options={OUTLINE_SHAPES}
        labels="setup.shapes"
        onChange={(v) => onChange({ ...form, shape: v })}
        testId="outline-shape"
      />
      {(form.shape === 'rectangle' || form.shape === 'parallel') && (
        <>
          {input('lengthM', 'setup.lengthM')}
          {input('widthM', 'setup.widthM')}
        </>
      )}
      {form.shape === 'circle' && input('diameterM', 'setup.diameterM')}
      {form.shape === 'polyline' && (
        <>
          <Field label={t('setup.points')} error={invalid['outline.points']} wide>
            <textarea
              rows={4}
              value={form.points}
              onChange={(e) => onChange({ ...form, points: e.target.value })}
              data-testid="outline-points"
            />
          </Field>
          <label>
            <input
              type="checkbox"
              checked={form.closed}
              onChange={(e) => onChange({ ...form, closed: e.target.checked })}
            />{' '}
            {t('setup.closed')}
          </label>
        </>
      )}
    </div>
  );
}

/** The proposed panels on the wall plan, before anything is saved. */
function LayoutPreview({ layout, form }: { layout: PanelLayout; form: OutlineForm }) {
  const { t } = useTranslation();
  const panels = useMemo(
    () =>
      layout.panels.map((p): PanelSummary => ({
        id: p.code,
        projectId: '',
        structureId: '',
        code: p.code,
        type: p.type,
        sequence: p.sequence,
        lengthM: p.lengthM,
        thicknessM: p.thicknessM,
        designDepthM: p.designDepthM,
        topLevelM: p.topLevelM,
        toeLevelM: p.toeLevelM,
        theoreticalVolumeM3: p.theoreticalVolumeM3,
        cageWeightT: null,
        jointType: null,
        retiredAt: null,
        position: { line: p.line, fromM: p.fromM, toM: p.toM, cornerAtM: p.cornerAtM },
        status: 'not_started',
        finishedOn: null,
      })),
    [layout],
  );
  return (
    <div data-testid="layout-summary-box">
      <p data-testid="layout-summary">
        {t('setup.summary', {
          count: layout.panels.length,
          ...layout.counts,
          length: layout.wallLengthM,
          shortest: layout.shortestM,
          longest: layout.longestM,
        })}
      </p>
      <WallPlan
        panels={panels}
        outline={outlineOf(form)}
        changedToday={new Set()}
        selected={null}
        onSelect={() => {}}
      />
    </div>
  );
}
