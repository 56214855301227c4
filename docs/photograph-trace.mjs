// Photographs one trace in the Aspire dashboard: node photograph-trace.mjs <dashboard url> <trace id> <png path>
import { chromium } from 'playwright-core';

const [dashboard, traceId, output] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(`${dashboard}/traces/detail/${traceId}`, { waitUntil: 'networkidle' });
// The span waterfall is rendered by Blazor after the page loads: wait until all three services are on it.
for (const service of ['internships', 'events', 'subsidies']) {
  await page.getByText(service, { exact: false }).first().waitFor({ timeout: 30000 });
}
// Closes the development banners, then opens the request span to show its domain attributes.
for (let attempt = 0; attempt < 3; attempt++) {
  for (const dismiss of await page.locator('[aria-label="Dismiss notification"]').all()) {
    await dismiss.click({ timeout: 2000 }).catch(() => {});
  }
  await page.waitForTimeout(500);
}
await page.locator('tr[aria-rowindex="2"] td[col-index="2"]').click();
await page.getByText('studentbase.command').first().waitFor({ timeout: 15000 }).catch(() => {});
await page.waitForTimeout(1500);
await page.screenshot({ path: output });
await browser.close();
