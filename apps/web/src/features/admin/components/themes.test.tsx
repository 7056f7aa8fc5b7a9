import type { FeedbackPhrases, Theme } from '@ipo/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lastWholeMonths } from '../../../lib/dates';
import { jsonResponse, renderApp, routeFetch } from '../../../test/render';
import { adminSession, bodyOf, requestsOf } from './admin-test-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

function theme(code: string, name: string, phrases: string[]): Theme {
  return {
    code,
    name,
    phrases,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
  };
}

const themes = [
  theme('online', 'Online services', ['online form']),
  theme('waiting-times', 'Waiting times', ['wait', 'on hold']),
];

const phrases: FeedbackPhrases = {
  range: {
    from: '2025-09-01',
    to: '2025-11-30',
    period: null,
    label: 'September to November 2025',
  },
  comments: 1234,
  phrases: [
    {
      phrase: 'renew deadlin',
      count: 34,
      example: 'Could you send reminders by text before renewal deadlines?',
      examples: [
        'Could you send reminders by text before renewal deadlines?',
        'I missed the renewal deadline because the letter came late.',
        'Renewing before the deadline was easy online.',
      ],
    },
    {
      phrase: 'payment page',
      count: 12,
      example: 'The payment page timed out twice.',
      examples: ['The payment page timed out twice.'],
    },
  ],
};

/** The page's API; `change` answers the taxonomy changes (null: not one). */
function serve(change: (url: URL, init: RequestInit) => Response | null = () => null) {
  return routeFetch((url, init) => {
    const answer = change(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/feedback/themes/taxonomy') return jsonResponse({ themes });
    if (url.pathname === '/api/feedback/phrases') return jsonResponse(phrases);
    return jsonResponse({ statusCode: 404, error: 'Not Found', message: 'No such thing' }, 404);
  });
}

async function openPage() {
  renderApp('/admin/themes', { session: adminSession });
  await screen.findByRole('table', { name: 'Themes' });
}

const changed = (retagged: number, themeAfter: Theme | null) =>
  jsonResponse({ theme: themeAfter, retagged });

describe('/admin/themes', () => {
  it('lists the themes and their phrases, with a way to change or retire each', async () => {
    serve();
    await openPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Feedback themes' })).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /Waiting times/ });
    expect(row).toHaveTextContent('wait, on hold');
    expect(within(row).getByRole('button', { name: 'Change Waiting times' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Retire Waiting times' })).toBeInTheDocument();
  });

  it('lists what a new theme lacks in the error summary, linked to its fields', async () => {
    const fetchMock = serve();
    const user = userEvent.setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Add the theme' }));
    let summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((l) => [l.textContent, l.getAttribute('href')]),
    ).toEqual([
      ['Enter the theme’s name', '#theme-name'],
      ['Enter a code, such as renewal-deadlines', '#theme-code'],
      ['Enter at least one phrase, one a line', '#theme-phrases'],
    ]);
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    await user.type(screen.getByLabelText('Name'), 'Deadlines');
    await user.type(screen.getByLabelText('Code'), 'Dead Lines');
    await user.type(screen.getByLabelText('Phrases'), '2025');
    await user.click(screen.getByRole('button', { name: 'Add the theme' }));
    summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Code must be lower-case letters and numbers');
    expect(summary).toHaveTextContent('Each phrase needs a word: ‘2025’ has none');
    expect(requestsOf(fetchMock).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });

  it('adds a theme (its code made from the name) and says how many comments it re-tagged', async () => {
    const fetchMock = serve((url, init) =>
      url.pathname === '/api/feedback/themes/taxonomy' && init.method === 'POST'
        ? changed(123, theme('renewal-deadlines', 'Renewal deadlines', ['renewal deadline']))
        : null,
    );
    const user = userEvent.setup();
    await openPage();
    await user.type(screen.getByLabelText('Name'), 'Renewal deadlines');
    expect(screen.getByLabelText('Code')).toHaveAccessibleDescription(
      expect.stringContaining('‘renewal-deadlines’'),
    );
    await user.type(screen.getByLabelText('Phrases'), 'renewal deadline{Enter}{Enter}reminder  ');
    await user.click(screen.getByRole('button', { name: 'Add the theme' }));
    const banner = await screen.findByText('Theme ‘Renewal deadlines’ added');
    await waitFor(() => expect(banner).toHaveFocus());
    expect(screen.getByText('123 comments were re-tagged.')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST');
    expect(bodyOf(post?.[1] ?? {})).toEqual({
      code: 'renewal-deadlines',
      name: 'Renewal deadlines',
      phrases: ['renewal deadline', 'reminder'],
    });
    expect(screen.getByLabelText('Name')).toHaveValue('');
    // The taxonomy and the phrases are read again.
    await waitFor(() =>
      expect(
        requestsOf(fetchMock).filter((r) => r === 'GET /api/feedback/themes/taxonomy').length,
      ).toBe(2),
    );
  });

  it('renames a theme and changes its phrases', async () => {
    const fetchMock = serve((_url, init) =>
      init.method === 'PUT' ? changed(45, theme('waiting-times', 'Waiting', ['wait'])) : null,
    );
    const user = userEvent.setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Change Waiting times' }));
    const heading = await screen.findByRole('heading', {
      name: 'Change the theme ‘Waiting times’',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    const form = screen.getByRole('form', { name: 'Change the theme ‘Waiting times’' });
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Waiting');
    const phrasesBox = within(form).getByLabelText('Phrases');
    expect(phrasesBox).toHaveValue('wait\non hold');
    await user.clear(phrasesBox);
    await user.type(phrasesBox, 'wait');
    await user.click(within(form).getByRole('button', { name: 'Save the theme' }));
    expect(await screen.findByText('Theme ‘Waiting’ changed')).toBeInTheDocument();
    expect(screen.getByText('45 comments were re-tagged.')).toBeInTheDocument();
    expect(requestsOf(fetchMock)).toContain('PUT /api/feedback/themes/taxonomy/waiting-times');
    const put = fetchMock.mock.calls.find((c) => c[1]?.method === 'PUT');
    expect(bodyOf(put?.[1] ?? {})).toEqual({ name: 'Waiting', phrases: ['wait'] });
    expect(url(put)).toBe('/api/feedback/themes/taxonomy/waiting-times');
  });

  it('asks before retiring a theme, and says why the server refused it', async () => {
    serve((_, init) =>
      init.method === 'DELETE'
        ? jsonResponse(
            {
              statusCode: 409,
              error: 'Conflict',
              message: 'Theme waiting-times has 2 actions: it cannot be removed',
            },
            409,
          )
        : null,
    );
    const user = userEvent.setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Retire Waiting times' }));
    const question = await screen.findByRole('heading', {
      name: 'Retire the theme ‘Waiting times’?',
    });
    await waitFor(() => expect(question).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Retire the theme' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Theme waiting-times has 2 actions: it cannot be removed',
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Retire Waiting times' })).toHaveFocus(),
    );
  });

  it('retires a theme once confirmed', async () => {
    const fetchMock = serve((_, init) => (init.method === 'DELETE' ? changed(0, null) : null));
    const user = userEvent.setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: 'Retire Online services' }));
    await user.click(await screen.findByRole('button', { name: 'Retire the theme' }));
    expect(await screen.findByText('Theme ‘Online services’ retired')).toBeInTheDocument();
    expect(screen.getByText('No comment’s themes changed.')).toBeInTheDocument();
    expect(requestsOf(fetchMock)).toContain('DELETE /api/feedback/themes/taxonomy/online');
  });
});

function url(call: unknown[] | undefined): string {
  return new URL(String(call?.[0]), 'http://localhost').pathname;
}

describe('phrases no theme covers', () => {
  it('lists the frequent phrases with sample comments, from the last 3 months unless asked', async () => {
    const fetchMock = serve();
    const user = userEvent.setup();
    await openPage();
    const item = (await screen.findByRole('heading', { name: '‘renew deadlin’' })).closest('li')!;
    expect(item).toHaveTextContent('Used in 34 comments');
    expect(item.querySelectorAll('blockquote')).toHaveLength(3);
    expect(item).toHaveTextContent('I missed the renewal deadline because the letter came late.');
    const three = lastWholeMonths(3);
    expect(requestsOf(fetchMock)).toContain(
      `GET /api/feedback/phrases?from=${three.from}&to=${three.to}&limit=20`,
    );
    await user.selectOptions(screen.getByLabelText('Comments from'), 'The last 12 months');
    await user.click(screen.getByRole('button', { name: 'Show phrases' }));
    const twelve = lastWholeMonths(12);
    await waitFor(() =>
      expect(requestsOf(fetchMock)).toContain(
        `GET /api/feedback/phrases?from=${twelve.from}&to=${twelve.to}&limit=20`,
      ),
    );
  });

  it('adds a phrase to the theme chosen (its phrases and this one)', async () => {
    const fetchMock = serve((url, init) =>
      init.method === 'PUT' && url.pathname.endsWith('/online')
        ? changed(34, theme('online', 'Online services', ['online form', 'renew deadlin']))
        : null,
    );
    const user = userEvent.setup();
    await openPage();
    const item = (await screen.findByRole('heading', { name: '‘renew deadlin’' })).closest('li')!;
    await user.click(within(item).getByRole('button', { name: 'Add to a theme' }));
    const select = within(item).getByLabelText('Theme to add ‘renew deadlin’ to');
    await waitFor(() => expect(select).toHaveFocus());
    await user.click(within(item).getByRole('button', { name: 'Add the phrase' }));
    expect(
      within(await within(item).findByRole('alert')).getByRole('link', {
        name: 'Select the theme to add the phrase to',
      }),
    ).toHaveAttribute('href', '#phrase-0-theme');
    await user.selectOptions(select, 'Online services');
    await user.click(within(item).getByRole('button', { name: 'Add the phrase' }));
    expect(
      await screen.findByText('‘renew deadlin’ added to the theme ‘Online services’'),
    ).toBeInTheDocument();
    expect(screen.getByText('34 comments were re-tagged.')).toBeInTheDocument();
    const put = fetchMock.mock.calls.find((c) => c[1]?.method === 'PUT');
    expect(bodyOf(put?.[1] ?? {})).toEqual({ phrases: ['online form', 'renew deadlin'] });
  });

  it('starts a new theme from a phrase', async () => {
    serve();
    const user = userEvent.setup();
    await openPage();
    const item = (await screen.findByRole('heading', { name: '‘payment page’' })).closest('li')!;
    await user.click(within(item).getByRole('button', { name: 'Make a new theme' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Add a theme' })).toHaveFocus());
    expect(screen.getByLabelText('Name')).toHaveValue('Payment page');
    expect(screen.getByLabelText('Code')).toHaveValue('payment-page');
    expect(screen.getByLabelText('Phrases')).toHaveValue('payment page');
  });
});
