/**
 * The e-mails: one alert (its sentence and a link to the standard's page), a digest (every
 * sentence since the last one, grouped by what happened), the monthly report pack. Plain text and
 * HTML with the same words; everything written by people is escaped in the HTML.
 */

import { escapeHtml } from '../html.js';
import type { OutgoingMail } from './mailer.js';
import { type AlertRule, RULE_LABELS } from './words.js';

export interface NoticeForMail {
  event: 'opened' | 'cleared';
  rule: AlertRule;
  sentence: string;
  title: string;
  periodLabel: string;
  /** A path on the dashboard (`/standards/complaints?period=2026-10`). */
  path: string;
}

const FOOTER =
  'You get these messages because you subscribed to alerts on the IPO service standards dashboard.';

/** The absolute address of a dashboard path. */
export function linkTo(publicUrl: string, path: string): string {
  return new URL(path, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href;
}

function settingsLine(publicUrl: string) {
  return `Change what you get: ${linkTo(publicUrl, '/notifications/settings')}`;
}

function page(body: string, publicUrl: string): string {
  const settings = linkTo(publicUrl, '/notifications/settings');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>IPO service standards</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">
${body}
<p style="color: #505a5f; font-size: 14px">${escapeHtml(FOOTER)} <a href="${escapeHtml(settings)}">Change what you get</a>.</p>
</body></html>`;
}

function subjectOf(n: NoticeForMail): string {
  const what =
    n.event === 'cleared' ? `Cleared: ${RULE_LABELS[n.rule].toLowerCase()}` : RULE_LABELS[n.rule];
  return `${what}: ${n.title} (${n.periodLabel})`;
}

export function alertMail(
  to: string,
  reference: string,
  n: NoticeForMail,
  publicUrl: string,
): OutgoingMail {
  const link = linkTo(publicUrl, n.path);
  return {
    kind: 'alert',
    to,
    reference,
    subject: subjectOf(n),
    text: `${n.sentence}\n\nSee the figures: ${link}\n\n${FOOTER}\n${settingsLine(publicUrl)}\n`,
    html: page(
      `<p>${escapeHtml(n.sentence)}</p>\n<p><a href="${escapeHtml(link)}">See the figures for ${escapeHtml(n.title)}</a></p>`,
      publicUrl,
    ),
  };
}

export function digestMail(
  to: string,
  reference: string,
  frequency: 'daily' | 'weekly',
  notices: readonly NoticeForMail[],
  publicUrl: string,
): OutgoingMail {
  const opened = notices.filter((n) => n.event === 'opened');
  const cleared = notices.filter((n) => n.event === 'cleared');
  const what = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const counts = [
    opened.length ? what(opened.length, 'new alert') : null,
    cleared.length ? what(cleared.length, 'cleared alert') : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const subject = `${frequency === 'daily' ? 'Daily' : 'Weekly'} alerts summary: ${counts}`;
  const groups = [
    { heading: 'New alerts', list: opened },
    { heading: 'Cleared', list: cleared },
  ].filter((g) => g.list.length);
  const text = groups
    .map(
      (g) =>
        `${g.heading}\n\n${g.list.map((n) => `- ${n.sentence}\n  ${linkTo(publicUrl, n.path)}`).join('\n')}`,
    )
    .join('\n\n');
  const html = groups
    .map(
      (g) =>
        `<h2 style="font-size: 19px">${escapeHtml(g.heading)}</h2>\n<ul>\n${g.list
          .map(
            (n) =>
              `<li><p>${escapeHtml(n.sentence)} <a href="${escapeHtml(linkTo(publicUrl, n.path))}">See the figures for ${escapeHtml(n.title)}</a></p></li>`,
          )
          .join('\n')}\n</ul>`,
    )
    .join('\n');
  return {
    kind: 'digest',
    to,
    reference,
    subject,
    text: `${subject}.\n\n${text}\n\n${FOOTER}\n${settingsLine(publicUrl)}\n`,
    html: page(`<p>${escapeHtml(subject)}.</p>\n${html}`, publicUrl),
  };
}

export function reportMail(
  to: string,
  reference: string,
  period: { id: string; label: string },
  pdf: Buffer,
  publicUrl: string,
): OutgoingMail {
  const link = linkTo(publicUrl, '/');
  const sentence = `The monthly report pack for ${period.label} is attached.`;
  return {
    kind: 'report',
    to,
    reference,
    subject: `Monthly report pack: ${period.label}`,
    text: `${sentence}\n\nThe dashboard: ${link}\n\n${FOOTER}\n${settingsLine(publicUrl)}\n`,
    html: page(
      `<p>${escapeHtml(sentence)}</p>\n<p><a href="${escapeHtml(link)}">Open the dashboard</a></p>`,
      publicUrl,
    ),
    attachment: {
      filename: `ipo-service-standards-${period.id}.pdf`,
      content: pdf,
      contentType: 'application/pdf',
    },
  };
}
