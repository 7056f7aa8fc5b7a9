import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field, InputField, SelectField, TextareaField } from './field';

describe('Field', () => {
  it('labels the control, and describes it by its hint', () => {
    render(
      <InputField id="q" label="Search comments" labelSize="s" hint="Words find their forms" />,
    );
    const input = screen.getByLabelText('Search comments');
    expect(input).toHaveAttribute('id', 'q');
    expect(input).toHaveClass('govuk-input');
    expect(input).toHaveAttribute('aria-describedby', 'q-hint');
    expect(input).toHaveAccessibleDescription('Words find their forms');
    expect(screen.getByText('Search comments')).toHaveClass('govuk-label', 'govuk-label--s');
    expect(input.closest('.govuk-form-group')).not.toHaveClass('govuk-form-group--error');
  });

  it('with an error: the group, the control and its description say so, after the hint', () => {
    render(
      <InputField
        id="file"
        label="CSV file"
        hint="UTF-8, comma separated"
        error="Choose a CSV file to import"
        type="file"
      />,
    );
    const input = screen.getByLabelText('CSV file');
    expect(input).toHaveClass('govuk-file-upload', 'govuk-file-upload--error');
    expect(input).toHaveAttribute('aria-describedby', 'file-hint file-error');
    expect(input).toHaveAccessibleDescription(
      'UTF-8, comma separated Error: Choose a CSV file to import',
    );
    expect(input.closest('.govuk-form-group')).toHaveClass('govuk-form-group--error');
    expect(screen.getByText('Choose a CSV file to import')).toHaveClass('govuk-error-message');
  });

  it('gives a control with no hint or error no description, and keeps its own classes', () => {
    render(
      <SelectField
        id="team"
        label="Team"
        className="app-select--full"
        groupClassName="app-filters__group"
        defaultValue="2"
      >
        <option value="1">One</option>
        <option value="2">Two</option>
      </SelectField>,
    );
    const select = screen.getByRole('combobox', { name: 'Team' });
    expect(select).toHaveClass('govuk-select', 'app-select--full');
    expect(select).not.toHaveAttribute('aria-describedby');
    expect(select).toHaveValue('2');
    expect(select.closest('.govuk-form-group')).toHaveClass('app-filters__group');
    expect(screen.getByText('Team')).toHaveAttribute('class', 'govuk-label');
  });

  it('marks a select and a textarea in error with their own GOV.UK classes', () => {
    render(
      <>
        <SelectField id="status" label="Status" error="Choose a status">
          <option value="planned">Planned</option>
        </SelectField>
        <TextareaField id="description" label="Description" error="Too long" rows={3} />
      </>,
    );
    expect(screen.getByLabelText('Status')).toHaveClass('govuk-select', 'govuk-select--error');
    const textarea = screen.getByLabelText('Description');
    expect(textarea).toHaveClass('govuk-textarea', 'govuk-textarea--error');
    expect(textarea).toHaveAttribute('rows', '3');
    expect(textarea).toHaveAccessibleDescription('Error: Too long');
  });

  it('hands any other control the wiring', () => {
    render(
      <Field id="when" label="When" hint="A date">
        {({ invalid, ...wiring }) => <input {...wiring} data-invalid={invalid} />}
      </Field>,
    );
    const input = screen.getByLabelText('When');
    expect(input).toHaveAttribute('aria-describedby', 'when-hint');
    expect(input).toHaveAttribute('data-invalid', 'false');
  });
});
