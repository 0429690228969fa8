import { defineConfig } from 'vitest/config';

// Unit tests of the site's pure modules (router, i18n, form state, list state, the API client), in a DOM
// without a browser. The pages themselves are covered by the browser journeys in tests/Exchange.Tests.
export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
