/// <reference types="vitest/config" />
import '../../scripts/node20-polyfills.js';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The GDS Transport font is licensed for gov.uk domains only, and this dashboard is not served
 * from one. Rewrite GOV.UK Frontend's precompiled CSS so that it never names or fetches the font
 * (Arial/Helvetica instead), and drop the crest image the footer rule points at, which we do not
 * use. Runs before Vite's own CSS handling, so the font files are never bundled.
 */
function govukWithoutGdsTransport(): Plugin {
  return {
    name: 'ipo:govuk-without-gds-transport',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0]?.endsWith('govuk-frontend.min.css')) return null;
      const css = code
        .replace(/\/\*![^*]*Margaret Calvert[\s\S]*?\*\//g, '')
        .replace(/@font-face\{[^}]*\}/g, '')
        .replaceAll(
          'font-family:GDS Transport,arial,sans-serif',
          'font-family:arial,helvetica,sans-serif',
        )
        .replace(/url\(\/assets\/images\/govuk-crest\.svg\)/g, 'none')
        // Internet Explorer-only `\0` media hacks: invalid CSS that lightningcss refuses to minify.
        .replace(/@media[^{]*\\0[^{]*\{(?:[^{}]*\{[^}]*\})*[^{}]*\}/g, '')
        .replace(/\/\*# sourceMappingURL=.*?\*\//g, '');
      if (css.includes('GDS Transport')) {
        this.error('GOV.UK Frontend CSS still names GDS Transport: update the rewrite rules');
      }
      return { code: css, map: null };
    },
  };
}

export default defineConfig({
  plugins: [govukWithoutGdsTransport(), react()],
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      // The public transparency pages are served by the API as HTML.
      '/performance': 'http://localhost:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/budget.mjs reads it to weigh what the landing page loads first.
    manifest: true,
    // Every browser the dashboard supports preloads modules itself.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Whole pages render in jsdom with several queries each; a loaded machine needs more than 5s.
    testTimeout: 20_000,
    unstubGlobals: true,
  },
});
