import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import {
  checkDateParts,
  DateInput,
  type DateParts,
  dateErrorOf,
  dateFormProblem,
  datePartsOf,
  isoToDateParts,
  readDateParts,
} from './date-input';

const parts = (day: string, month: string, year: string): DateParts => ({ day, month, year });

describe('reading a date typed as day, month and year', () => {
  it('reads a real date as its ISO date, with or without leading zeros and spaces', () => {
    expect(readDateParts(parts('27', '3', '2026'))).toEqual({ kind: 'date', date: '2026-03-27' });
    expect(readDateParts(parts(' 01 ', '02', '2024'))).toEqual({
      kind: 'date',
      date: '2024-02-01',
    });
    // 29 February in a leap year only.
    expect(readDateParts(parts('29', '2', '2024'))).toEqual({ kind: 'date', date: '2024-02-29' });
    expect(readDateParts(parts('29', '2', '2025')).kind).toBe('not-real');
  });

  it('tells which boxes are empty, and which cannot be right', () => {
    expect(readDateParts(parts('', '', ''))).toEqual({ kind: 'empty' });
    expect(readDateParts(parts('27', '3', ''))).toEqual({ kind: 'incomplete', missing: ['year'] });
    expect(readDateParts(parts('', '', '2026'))).toEqual({
      kind: 'incomplete',
      missing: ['day', 'month'],
    });
    expect(readDateParts(parts('27', '13', '2026'))).toEqual({
      kind: 'not-real',
      wrong: ['month'],
    });
    expect(readDateParts(parts('27', '3', '26'))).toEqual({ kind: 'not-real', wrong: ['year'] });
    expect(readDateParts(parts('x', '3', '2026'))).toEqual({ kind: 'not-real', wrong: ['day'] });
    // Each box could be right, but together they are no date: which one is wrong is not clear.
    expect(readDateParts(parts('31', '2', '2026'))).toEqual({
      kind: 'not-real',
      wrong: ['day', 'month', 'year'],
    });
  });
});

describe('checking a date in the GOV.UK words', () => {
  it('names the missing part, marking it alone; several missing mark the whole date', () => {
    expect(checkDateParts(parts('27', '3', ''), 'Date from')).toEqual({
      date: null,
      problem: { message: 'Date from must include a year', parts: ['year'] },
    });
    expect(checkDateParts(parts('', '', '2026'), 'Date from')).toEqual({
      date: null,
      problem: {
        message: 'Date from must include a day and month',
        parts: ['day', 'month', 'year'],
      },
    });
  });

  it('says a date that cannot be right must be a real date, marking the wrong box', () => {
    expect(checkDateParts(parts('27', '13', '2026'), 'Due date').problem).toEqual({
      message: 'Due date must be a real date',
      parts: ['month'],
    });
    expect(checkDateParts(parts('31', '2', '2026'), 'Due date').problem).toEqual({
      message: 'Due date must be a real date',
      parts: ['day', 'month', 'year'],
    });
  });

  it('leaves an optional date empty, and asks for a required one', () => {
    expect(checkDateParts(parts('', '', ''), 'Date from')).toEqual({ date: null, problem: null });
    expect(checkDateParts(parts('', ' ', ''), 'The first day', 'Enter the first day')).toEqual({
      date: null,
      problem: { message: 'Enter the first day', parts: ['day', 'month', 'year'] },
    });
    expect(checkDateParts(parts('1', '4', '2027'), 'Date from')).toEqual({
      date: '2027-04-01',
      problem: null,
    });
  });

  it('links a problem to the first box in error, and gives the DateInput its boxes to mark', () => {
    const problem = dateFormProblem('audit-from', { message: 'm', parts: ['month', 'year'] });
    expect(problem.fieldId).toBe('audit-from-month');
    expect(dateErrorOf([problem], 'audit-from')).toEqual({
      error: 'm',
      errorParts: ['month', 'year'],
    });
    expect(dateErrorOf([problem], 'audit-to')).toEqual({
      error: undefined,
      errorParts: undefined,
    });
    // A problem linked to the date's day box without its boxes (the server's): the whole date.
    expect(dateErrorOf([{ fieldId: 'audit-to-day', message: 'Too early' }], 'audit-to')).toEqual({
      error: 'Too early',
      errorParts: undefined,
    });
  });

  it('shows an ISO date in the boxes, and reads the boxes back from a form', () => {
    expect(isoToDateParts('2025-03-07')).toEqual(parts('7', '3', '2025'));
    expect(isoToDateParts(undefined)).toEqual(parts('', '', ''));
    expect(isoToDateParts('7 March')).toEqual(parts('', '', ''));
    const data = new FormData();
    data.set('from-day', '7');
    data.set('from-month', '3');
    data.set('from-year', '2025');
    expect(datePartsOf(data, 'from')).toEqual(parts('7', '3', '2025'));
    expect(datePartsOf(data, 'to')).toEqual(parts('', '', ''));
  });
});

describe('DateInput', () => {
  it('is a group named by its legend, of day, month and year boxes described by the hint', () => {
    render(
      <DateInput
        id="when"
        name="from"
        legend="Date from"
        hint="For example, 27 3 2026"
        defaultValue={parts('1', '4', '2025')}
      />,
    );
    const group = screen.getByRole('group', { name: 'Date from' });
    expect(group).toHaveAccessibleDescription('For example, 27 3 2026');
    const day = within(group).getByLabelText('Day');
    expect(day).toHaveAttribute('id', 'when-day');
    expect(day).toHaveAttribute('name', 'from-day');
    expect(day).toHaveAttribute('inputmode', 'numeric');
    expect(day).toHaveAttribute('type', 'text');
    expect(day).toHaveValue('1');
    expect(within(group).getByLabelText('Month')).toHaveValue('4');
    expect(within(group).getByLabelText('Year')).toHaveValue('2025');
    expect(screen.queryByText(/Error/)).toBeNull();
  });

  it('marks only the boxes in error, and says the error after the hint', () => {
    render(
      <DateInput
        id="when"
        legend="Date from"
        hint="For example, 27 3 2026"
        error="Date from must include a year"
        errorParts={['year']}
        defaultValue={parts('27', '3', '')}
      />,
    );
    const group = screen.getByRole('group', { name: 'Date from' });
    expect(group).toHaveAccessibleDescription(
      'For example, 27 3 2026 Error: Date from must include a year',
    );
    expect(within(group).getByLabelText('Year')).toHaveClass('govuk-input--error');
    expect(within(group).getByLabelText('Day')).not.toHaveClass('govuk-input--error');
    expect(within(group).getByLabelText('Month')).not.toHaveClass('govuk-input--error');
    expect(group.closest('.govuk-form-group')).toHaveClass('govuk-form-group--error');
  });

  it('marks every box for a problem with the whole date', () => {
    render(
      <DateInput
        id="when"
        legend="Date from"
        hint="For example, 27 3 2026"
        error="Date from must be a real date"
        defaultValue={parts('31', '2', '2026')}
      />,
    );
    for (const box of ['Day', 'Month', 'Year']) {
      expect(screen.getByLabelText(box)).toHaveClass('govuk-input--error');
    }
  });

  it('may be controlled, typed into box by box from the keyboard', async () => {
    function Controlled() {
      const [value, setValue] = useState(parts('', '', ''));
      return (
        <>
          <DateInput id="d" legend="Date" hint="h" value={value} onChange={setValue} />
          <output>{JSON.stringify(value)}</output>
        </>
      );
    }
    const user = userEvent.setup();
    render(<Controlled />);
    await user.click(screen.getByLabelText('Day'));
    await user.keyboard('27');
    await user.tab();
    await user.keyboard('3');
    await user.tab();
    await user.keyboard('2026');
    expect(screen.getByLabelText('Year')).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('{"day":"27","month":"3","year":"2026"}');
  });
});
