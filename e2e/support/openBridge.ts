// Playwright's global setup: opens the web bridge's one-time link once, as staff do in their
// browser, and keeps the cookie it sets as the state every spec's page starts from. The bridge is
// already up (Playwright starts its webServer first) and has written the link to LINK_FILE.
import { chromium, type FullConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LINK_FILE, STORAGE_STATE } from '../playwright.config';

export default async function openBridge(config: FullConfig): Promise<void> {
  const { launchOptions, locale } = config.projects[0]!.use;
  const browser = await chromium.launch(launchOptions);
  try {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const link = readFileSync(LINK_FILE, 'utf8').trim();
    await page.goto(link);
    // The opening page trades the key for the cookie, then loads the app at / (the key gone).
    await page.waitForURL((url) => url.hash === '' && url.pathname === '/');
    await page.locator('#root').waitFor({ state: 'attached' });
    if (!(await context.cookies()).some((c) => c.name.startsWith('kafkasder_bridge_') && c.httpOnly && c.sameSite === 'Strict')) {
      throw new Error(`The bridge's link (${new URL(link).origin}) gave no HttpOnly SameSite=Strict cookie`);
    }
    await context.storageState({ path: STORAGE_STATE });
  } finally {
    await browser.close();
  }
}
