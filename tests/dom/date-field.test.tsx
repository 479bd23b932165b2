// The one date field (renderer/src/shared/DateField.tsx), typed as a person types: it commits
// whole days only, year first in every language, and says why it refuses one.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DateField } from '../../renderer/src/shared/DateField';
import type { Language } from '../../main/domain/i18n/messages';
import { renderIn } from './render';

afterEach(cleanup);

/** The field as a screen holds it: the committed day in state, every commit recorded. */
function Holder(props: { start: string; min?: string; max?: string; commits: string[] }) {
  const [day, setDay] = useState(props.start);
  return (
    <>
      <DateField
        value={day}
        min={props.min}
        max={props.max}
        testId="day"
        onCommit={(d) => {
          props.commits.push(d);
          setDay(d);
        }}
      />
      <output data-testid="held">{day}</output>
    </>
  );
}

describe.each<Language>(['zh-CN', 'en'])('the date field in %s', (lang) => {
  it('typing 2023-03-31 gives 2023-03-31, and nothing on the way', async () => {
    const commits: string[] = [];
    await renderIn(lang, <Holder start="2023-01-27" commits={commits} />);
    const field = screen.getByTestId('day');
    await userEvent.clear(field);
    await userEvent.type(field, '2023-03-31');
    expect(commits).toEqual(['2023-03-31']);
    expect(screen.getByTestId('held').textContent).toBe('2023-03-31');
    expect((field as HTMLInputElement).value).toBe('2023-03-31');
  });

  it('typing the year over the old one never moves to year 0002', async () => {
    const commits: string[] = [];
    await renderIn(lang, <Holder start="2023-02-06" commits={commits} />);
    const field = screen.getByTestId('day') as HTMLInputElement;
    // The year selected and typed again, digit by digit.
    field.setSelectionRange(0, 4);
    await userEvent.type(field, '2024', {
      initialSelectionStart: 0,
      initialSelectionEnd: 4,
    });
    expect(commits.every((d) => d.startsWith('2024'))).toBe(true);
    expect(screen.getByTestId('held').textContent).toBe('2024-02-06');
  });

  it('reads 2023/3/31 and 2023年3月31日 when the person leaves the field', async () => {
    const commits: string[] = [];
    await renderIn(lang, <Holder start="2023-01-27" commits={commits} />);
    const field = screen.getByTestId('day') as HTMLInputElement;
    await userEvent.clear(field);
    await userEvent.type(field, '2023/3/31');
    expect(commits).toEqual([]);
    fireEvent.blur(field);
    expect(commits).toEqual(['2023-03-31']);
    expect(field.value).toBe('2023-03-31');
    await userEvent.clear(field);
    await userEvent.type(field, '2023年4月1日{Enter}');
    expect(commits).toEqual(['2023-03-31', '2023-04-01']);
  });

  it('refuses a day outside its bounds or not a day, says why, and keeps what was typed', async () => {
    const commits: string[] = [];
    await renderIn(
      lang,
      <Holder start="2023-01-27" min="2022-06-01" max="2023-01-28" commits={commits} />,
    );
    const field = screen.getByTestId('day') as HTMLInputElement;
    await userEvent.clear(field);
    await userEvent.type(field, '2033-01-27');
    expect(commits).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe(
      lang === 'en' ? 'Not after 2023-01-28' : '不能晚于 2023-01-28',
    );
    expect(field.value).toBe('2033-01-27');
    await userEvent.clear(field);
    await userEvent.type(field, '2023-02-30{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      lang === 'en'
        ? 'Type the date year first: 2023-01-27'
        : '请按 年-月-日 输入，例如 2023-01-27',
    );
    expect(commits).toEqual([]);
    // Esc puts the committed day back.
    await userEvent.type(field, '{Escape}');
    expect(field.value).toBe('2023-01-27');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('takes a new day from outside, but not while the person types in it', async () => {
    function Outside() {
      const [day, setDay] = useState('2023-01-27');
      return (
        <>
          <DateField value={day} onCommit={setDay} testId="day" />
          <button type="button" onClick={() => setDay('2023-01-20')}>
            elsewhere
          </button>
        </>
      );
    }
    await renderIn(lang, <Outside />);
    const field = screen.getByTestId('day') as HTMLInputElement;
    await userEvent.click(screen.getByText('elsewhere'));
    expect(field.value).toBe('2023-01-20');
    await userEvent.clear(field);
    await userEvent.type(field, '2023-0');
    // A change from outside while typing: the draft stays.
    fireEvent.click(screen.getByText('elsewhere'));
    expect(field.value).toBe('2023-0');
  });
});
