/**
 * Text for HTML element content and attribute values (double- or single-quoted): the one escape
 * of everything the API writes as HTML (the public pages, e-mails, the identity provider's
 * refusal page, index.html's hints). Names, titles and notes are written by people.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
