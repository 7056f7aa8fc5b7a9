/**
 * An audit event's details in a line: `roles: viewer → team-lead; teams: none → Examination
 * Team C` for a change with before and after, `sessionsEnded: 1` otherwise. The CSV export keeps
 * the details whole.
 */

const MAX = 200;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function short(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length ? value.map(short).join(', ') : 'none';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function truncated(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

export function summariseDetails(details: unknown): string {
  if (details === null || details === undefined) return '–';
  if (!isRecord(details)) return truncated(short(details));
  const { before, after, ...rest } = details;
  const parts: string[] = [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      parts.push(`${key}: ${short(before[key])} → ${short(after[key])}`);
    }
    if (parts.length === 0) parts.push('no change');
  } else {
    if (before !== undefined) parts.push(`before: ${short(before)}`);
    if (after !== undefined) parts.push(`after: ${short(after)}`);
  }
  for (const [key, value] of Object.entries(rest)) parts.push(`${key}: ${short(value)}`);
  return truncated(parts.join('; ') || '–');
}
