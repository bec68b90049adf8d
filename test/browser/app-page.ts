import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { listen, type Listening } from '../client/listen';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchChromium, openPage, type Browser } from './chromium';

const SCREENSHOTS = path.resolve(__dirname, '../../test-output/browser');

export interface AppPage {
  t: TestApp;
  /** A fresh /app tab for each test. */
  page: Page;
  /** Console and page errors the tab showed. */
  problems: string[];
}

/**
 * The hooks every /app spec needs: the app with its worker, served on a real socket, one Chromium
 * for the suite and a new /app tab per test. Call it at the top of a `describe`; read the fields in tests.
 */
export function useAppPage(): AppPage {
  const context = {} as AppPage;
  let server: Listening | undefined;
  let browser: Browser | undefined;
  before(async () => {
    context.t = await startTestApp();
    server = await listen(context.t.app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await context.t?.close();
  });
  beforeEach(async () => {
    ({ page: context.page, problems: context.problems } = await openPage(browser!, `${server!.url}/app`));
  });
  afterEach(async () => context.page.close());
  return context;
}

/** Keeps a full-page picture of the tab under test-output/browser, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}
