import { useTranslation } from 'react-i18next';
import type { MissingItem } from '../../../../main/domain/today';

export function MissingList({ missing }: { missing: MissingItem[] }) {
  const { t } = useTranslation();
  if (missing.length === 0) {
    return (
      <p className="missing none" data-testid="missing">
        ✓ {t('today.missingNone')}
      </p>
    );
  }
  const text = (m: MissingItem) => {
    switch (m.kind) {
      case 'weather':
        return t('today.missingWeather');
      case 'crews':
        return t('today.missingCrews', { shift: t(`shifts.${m.shift}`), count: m.teamIds.length });
      case 'staff':
        return t('today.missingStaff');
      case 'progress':
        return t('today.missingProgress');
    }
  };
  return (
    <div className="missing" data-testid="missing">
      <strong>{t('today.missing')}:</strong>
      <ul>
        {missing.map((m, i) => (
          <li key={i} data-kind={m.kind}>
            {text(m)}
          </li>
        ))}
      </ul>
    </div>
  );
}
