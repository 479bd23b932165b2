// The day's materials: deliveries with supplier and delivery note, and use; the concrete poured
// is shown from the pours, never typed again.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MATERIAL_KINDS,
  MATERIAL_UNITS,
  type MaterialKind,
  type MaterialUnit,
} from '../../../../main/domain/machines';
import type { Results } from '../../../../main/api/contract';
import { call } from '../../api';
import { useConfirm } from '../../shared/Confirm';
import { DraftStatus } from '../../shared/DraftStatus';
import { ErrorPanel } from '../../shared/ErrorPanel';
import { draftKey, useFieldDrafts } from '../../data/drafts';
import { Field } from '../../shared/Field';
import { fieldErrors } from '../../shared/field-errors';
import { useTask } from '../../shared/use-task';
import { ChoiceField } from '../../shared/Choice';
import { Grid } from '../../shared/Grid';

type MaterialDay = Results['materials:day'];

/** What this kind of site takes in most days. */
const COMMON = [
  'C35 P10 水下混凝土',
  'HRB400 钢筋',
  '钠基膨润土',
  '钢筋笼',
  '接头管 / 锁口管',
  '柴油',
];

type MaterialInput = {
  kind: MaterialKind;
  material: string;
  quantity: string;
  unit: MaterialUnit;
  supplier: string;
  deliveryNote: string;
};

const EMPTY: MaterialInput = {
  kind: 'delivery',
  material: '',
  quantity: '',
  unit: 'm3',
  supplier: '',
  deliveryNote: '',
};

export function MaterialForm({ projectId, day }: { projectId: string; day: MaterialDay }) {
  const { t } = useTranslation();
  // A new entry is a draft over the blank form until it is added.
  const drafts = useFieldDrafts(draftKey(projectId, day.siteDay, null, 'material'), EMPTY);
  const form = Object.fromEntries(
    Object.keys(EMPTY).map((k) => [k, drafts.value(k)]),
  ) as MaterialInput;
  const { error, setError, run } = useTask();
  const set = (patch: Partial<MaterialInput>) =>
    Object.entries(patch).forEach(([k, v]) => drafts.set(k, v));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const sent = drafts.changed();
    const added = await run(() =>
      call('materials:add', {
        projectId,
        siteDay: day.siteDay,
        entry: {
          kind: form.kind,
          material: form.material,
          quantity: Number(form.quantity),
          unit: form.unit,
          supplier: form.supplier.trim() || null,
          deliveryNote: form.deliveryNote.trim() || null,
          note: null,
        },
      }),
    );
    if (added !== null) drafts.saved(sent);
  };
  const [confirm, ask] = useConfirm();
  const remove = async (entryId: string) => {
    setError(null);
    const entry = day.entries.find((e) => e.id === entryId);
    const quantity = entry ? `${entry.quantity} ${t(`machines.units.${entry.unit}`)}` : '';
    const question = t('confirm.removeMaterial', { material: entry?.material ?? '', quantity });
    if (await ask(question, t('confirm.remove')))
      await run(() => call('materials:remove', { entryId }));
  };
  const invalid = fieldErrors(error, 'entry.');
  return (
    <div data-testid="materials">
      {confirm}
      <MaterialList day={day} onRemove={(id) => void remove(id)} />
      <p className="muted" data-testid="concrete-poured">
        {t('resources.concrete', {
          panels: day.concrete.panels,
          theoretical: day.concrete.theoreticalM3,
          actual: day.concrete.actualM3,
        })}
      </p>
      <form onSubmit={add} className="form-row" data-testid="material-form">
        <MaterialFields form={form} set={set} invalid={invalid} />
        <div className="form-actions">
          <button type="submit" data-testid="material-add">
            {t('resources.add')}
          </button>
          <DraftStatus drafts={drafts} testId="material" />
        </div>
      </form>
      {error !== null && Object.keys(invalid).length === 0 && <ErrorPanel error={error} />}
    </div>
  );
}

function MaterialList({ day, onRemove }: { day: MaterialDay; onRemove: (id: string) => void }) {
  const { t } = useTranslation();
  if (!day.entries.length) return <p className="muted">{t('resources.noMaterials')}</p>;
  return (
    <Grid
      headings={[
        'resources.kind',
        'resources.material',
        'resources.quantity',
        'resources.supplier',
        'resources.deliveryNote',
        '',
      ]}
      testId="material-list"
    >
      {day.entries.map((e) => (
        <tr key={e.id} data-testid="material-row">
          <td>{t(`machines.materialKinds.${e.kind}`)}</td>
          <td>{e.material}</td>
          <td className="num">
            {e.quantity} {t(`machines.units.${e.unit}`)}
          </td>
          <td>{e.supplier ?? ''}</td>
          <td>{e.deliveryNote ?? ''}</td>
          <td>
            <button type="button" className="link" onClick={() => onRemove(e.id)}>
              {t('resources.remove')}
            </button>
          </td>
        </tr>
      ))}
    </Grid>
  );
}

function MaterialFields({
  form,
  set,
  invalid,
}: {
  form: MaterialInput;
  set: (patch: Partial<MaterialInput>) => void;
  invalid: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceField
        label={t('resources.kind')}
        value={form.kind}
        options={MATERIAL_KINDS}
        labels="machines.materialKinds"
        onChange={(v) => set({ kind: v })}
        testId="material-kind"
      />
      <Field label={t('resources.material')} error={invalid.material}>
        <input
          list="common-materials"
          value={form.material}
          maxLength={100}
          onChange={(e) => set({ material: e.target.value })}
          data-testid="material-name"
        />
      </Field>
      <datalist id="common-materials">
        {COMMON.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <Field label={t('resources.quantity')} error={invalid.quantity}>
        <input
          inputMode="decimal"
          value={form.quantity}
          onChange={(e) => set({ quantity: e.target.value })}
          data-testid="material-quantity"
        />
      </Field>
      <ChoiceField
        label={t('resources.unit')}
        value={form.unit}
        options={MATERIAL_UNITS}
        labels="machines.units"
        onChange={(v) => set({ unit: v })}
        testId="material-unit"
      />
      <Field label={t('resources.supplier')} error={invalid.supplier}>
        <input
          value={form.supplier}
          maxLength={100}
          onChange={(e) => set({ supplier: e.target.value })}
          data-testid="material-supplier"
        />
      </Field>
      <Field label={t('resources.deliveryNote')} error={invalid.deliveryNote}>
        <input
          value={form.deliveryNote}
          maxLength={64}
          onChange={(e) => set({ deliveryNote: e.target.value })}
          data-testid="material-note-no"
        />
      </Field>
    </>
  );
}
