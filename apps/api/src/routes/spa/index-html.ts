import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml } from '../../html.js';

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
  for (const file of await schemasChunks(webDist)) {
    links.push(`<link rel="modulepreload" crossorigin href="/${file}">`);
  }
  if (request.signedIn) {
    const fetches = ['/api/session'];
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/') {
      fetches.push(scorecardUrl(url.searchParams), '/api/teams', '/api/freshness');
    }
    // `crossorigin` (anonymous) is what a same-origin fetch with the cookie matches.
    for (const href of fetches) {
      links.push(`<link rel="preload" as="fetch" crossorigin href="${escapeHtml(href)}">`);
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

/**
 * The built files of `src/lib/contracts.ts` and of the chunks it imports, from Vite's manifest
 * (a browser fetches a preloaded module, not what it imports), leaving out those the entry loads
 * anyway; none without a manifest.
 */
async function schemasChunks(webDist: string): Promise<string[]> {
  type Chunk = { file: string; imports?: string[] };
  let manifest: Record<string, Chunk>;
  try {
    manifest = JSON.parse(await readFile(path.join(webDist, '.vite/manifest.json'), 'utf8'));
  } catch {
    return [];
  }
  const closure = (key: string, seen: Set<string>) => {
    if (seen.has(key) || !manifest[key]) return seen;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) closure(next, seen);
    return seen;
  };
  const entry = closure('index.html', new Set());
  return [...closure('src/lib/contracts.ts', new Set())]
    .filter((key) => !entry.has(key))
    .map((key) => (manifest[key] as Chunk).file);
}
