import { defineConfig } from '@playwright/test';

// Browser tests run the built site in Debian's Chromium (Playwright cannot download browsers here).
// Set CHROMIUM_PATH to another binary, or to '' to use Playwright's own browser.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: 'http://127.0.0.1:4173/explorer/',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    viewport: { width: 1280, height: 720 },
  },
  webServer: {
    // The built site, served from a sub-path as a static host would.
    command: 'node e2e/serve.mjs 4173 /explorer/',
    url: 'http://127.0.0.1:4173/explorer/',
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
