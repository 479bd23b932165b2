import { useTranslation } from 'react-i18next';
import { describeError, toAppError } from '../../../main/domain/i18n/translate';
import { isLanguage } from '../../../main/domain/i18n/messages';

/** An error as a sentence in the user's language, never a stack trace. */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const appError = toAppError(error);
  return (
    <div className="error-panel" role="alert" data-testid="error" data-code={appError.code}>
      <strong>{t('errors.title')}</strong>
      <p>{describeError(lang, appError)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
