import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The dashboard's index.html as served for every page of the single-page app, with hints that let
 * the browser fetch early what the page will ask for anyway (decision 15):
 * - the shared schemas' chunk (`modulepreload`), which the API client loads with the first
 *   request: it downloads beside the entry script instead of after it;
 * - for a signed-in browser (it sends the session cookie), `GET /api/session`, and on the
 *   scorecard (`/`) the scorecard itself, the teams and the freshness of the data, as the page
 *   asks for them (the same URLs, so the browser hands the preloaded answers to the app).
 *
 * The file is read on each request (a few kilobytes), so a rebuilt app is served without a
 * restart, as its other files are.
 */
export async function renderIndexHtml(
  webDist: string,
  request: { url: string; signedIn: boolean },
): Promise<string> {
  const html = await readFile(path.join(webDist, 'index.html'), 'utf8');
  const links: string[] = [];
  const schemas = await schemasChunk(webDist);
  if (schemas) links.push(`<link rel="modulepreload" crossorigin href="/${schemas}">`);
  if (request.signedIn) {
    const fetches = ['/api/session'];
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/') {
      fetches.push(scorecardUrl(url.searchParams), '/api/teams', '/api/freshness');
    }
    // `crossorigin` (anonymous) is what a same-origin fetch with the cookie matches.
    for (const href of fetches) {
      links.push(`<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(href)}">`);
    }
  }
  if (links.length === 0) return html;
  return html.replace('</head>', `    ${links.join('\n    ')}\n  </head>`);
}

/**
 * The scorecard request the page makes for the address's `period` and `team` (the web app's
 * `getScorecard`: period first, then team, each only when given).
 */
export function scorecardUrl(search: URLSearchParams): string {
  const params = new URLSearchParams();
  const period = search.get('period');
  const team = search.get('team');
  if (period) params.set('period', period);
  // As the page reads `team`: a positive 32-bit id, else no team.
  const id = team !== null && /^[0-9]{1,10}$/.test(team) ? Number(team) : 0;
  if (id > 0 && id <= 2_147_483_647) params.set('team', String(id));
  const query = params.toString();
  return `/api/scorecard${query ? `?${query}` : ''}`;
}

/** The built file of `src/lib/contracts.ts`, from Vite's manifest; null without one. */
async function schemasChunk(webDist: string): Promise<string | null> {
  try {
    const manifest = JSON.parse(
      await readFile(path.join(webDist, '.vite/manifest.json'), 'utf8'),
    ) as Record<string, { file: string; src?: string }>;
    return manifest['src/lib/contracts.ts']?.file ?? null;
  } catch {
    return null;
  }
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
