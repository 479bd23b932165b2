// Before anything is deleted or undone: the question, in words, and two buttons. Enter confirms
// (the confirm button has the focus), Esc or Cancel leaves everything as it was.
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

interface Asked {
  question: string;
  confirm: string;
  answer: (yes: boolean) => void;
}

/** A confirmation to render, and `ask`, which resolves true when the person confirms. */
export function useConfirm(): [
  ReactNode,
  (question: string, confirm?: string) => Promise<boolean>,
] {
  const { t } = useTranslation();
  const [asked, setAsked] = useState<Asked | null>(null);
  const ask = useCallback(
    (question: string, confirm?: string) =>
      new Promise<boolean>((resolve) =>
        setAsked({
          question,
          confirm: confirm ?? t('confirm.ok'),
          answer: (yes) => {
            setAsked(null);
            resolve(yes);
          },
        }),
      ),
    [t],
  );
  const dialog = asked && (
    <Modal label={t('confirm.title')} testId="confirm" onClose={() => asked.answer(false)}>
      <p data-testid="confirm-question">{asked.question}</p>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          autoFocus
          onClick={() => asked.answer(true)}
          data-testid="confirm-yes"
        >
          {asked.confirm}
        </button>
        <button type="button" onClick={() => asked.answer(false)} data-testid="confirm-no">
          {t('confirm.cancel')}
        </button>
      </div>
    </Modal>
  );
  return [dialog, ask];
}
