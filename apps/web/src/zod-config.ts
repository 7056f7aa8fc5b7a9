// The API's Content-Security-Policy allows no eval: zod is told not to compile validators with
// `new Function` (nor to probe whether it may, which the browser reports as a CSP violation).
// Imported first by main.tsx, before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
