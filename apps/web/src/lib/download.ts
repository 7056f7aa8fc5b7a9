/**
 * Offer text as a file download. The byte order mark lets Excel read the CSV as UTF-8 (names
 * and comments are not all ASCII).
 */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  downloadBlob(filename, new Blob([`\uFEFF${text}`], { type }));
}

/** Offer bytes (a PDF the API made) as a file download. */
export function downloadBlob(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name made of safe pieces: 'csc-calls-trend-month.csv'. */
export function fileName(...parts: (string | undefined)[]): string {
  return `${parts
    .filter((part): part is string => Boolean(part))
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')}.csv`;
}
