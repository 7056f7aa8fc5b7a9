/**
 * The shared schemas as the dashboard loads them: after the first paint, in their own chunk
 * (zod and every schema are about a third of the JavaScript the first page would otherwise wait
 * for), the first time the API client parses an answer. See `apiGet` in api-client.ts.
 */
import { config } from 'zod';

// The API's Content-Security-Policy allows no eval: zod is told not to compile validators with
// `new Function` (nor to probe whether it may, which the browser reports as a CSP violation).
// This module is the way schemas reach the API client, so this runs before any answer is parsed.
config({ jitless: true });

export * from '@ipo/contracts';
