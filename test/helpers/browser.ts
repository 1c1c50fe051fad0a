// Real headless Chromium for the console's tests: Debian's /usr/bin/chromium driven by
// playwright-core (which never downloads a browser), a fresh profile per launch, every
// Content-Security-Policy violation recorded, and axe-core run inside the page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.WARDEN_CHROMIUM ?? '/usr/bin/chromium';

/** No network beyond what the page asks for, no background services, no sandbox (root in CI). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set WARDEN_CHROMIUM`);
  }
  // playwright's launch uses a fresh temporary profile (user data dir) and removes it on close.
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface WatchedPage {
  page: Page;
  /** CSP violations seen so far (securitypolicyviolation events and console reports). */
  cspViolations(): Promise<string[]>;
  /** Requests to any origin but the server's. */
  foreignRequests: string[];
}

/** A page in a fresh context that records CSP violations and requests leaving the origin. */
export async function watchedPage(browser: Browser, origin: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const consoleViolations: string[] = [];
  const foreignRequests: string[] = [];
  // Installed by the DevTools protocol, so the page's own CSP does not apply to it. Code that
  // runs in the page is written as strings here: this project type-checks without DOM types.
  await page.addInitScript(RECORD_CSP_VIOLATIONS);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      consoleViolations.push(message.text());
    }
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) {
      foreignRequests.push(url);
    }
  });
  return {
    page,
    foreignRequests,
    async cspViolations() {
      const inPage = await page.evaluate<string[]>('window.__cspViolations ?? []');
      return [...consoleViolations, ...inPage];
    },
  };
}

/** Records each securitypolicyviolation event of the document in window.__cspViolations. */
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
`;

/** axe-core's WCAG 2.1 A/AA and best-practice rules; the violations, reduced to what a failure message needs. */
const RUN_AXE = `
  axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((result) =>
    result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })),
  )
`;

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's WCAG 2.1 A/AA and best-practice rules on the page as it is (open dialogs
 * included). The source is evaluated over the DevTools protocol: a <script> tag would be
 * refused by the console's CSP, which is the point of that CSP.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate<boolean>("'axe' in window"))) {
    await page.evaluate(axeSource);
  }
  return page.evaluate<AxeViolation[]>(RUN_AXE);
}

/**
 * Where screenshots go: docs/console/ when WARDEN_SCREENSHOTS=1 (to refresh the README's
 * pictures), else a temporary folder, so an ordinary test run leaves the work tree clean.
 */
export function screenshotDir(): string {
  const dir =
    process.env.WARDEN_SCREENSHOTS === '1' ? new URL('../../docs/console/', import.meta.url).pathname : join(tmpdir(), `warden-console-shots-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A screenshot with the given locators painted over (a secret never lands in an image). */
export async function screenshot(page: Page, name: string, mask: Locator[] = []): Promise<string> {
  const path = join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path, mask, maskColor: '#5b6470', animations: 'disabled' });
  return path;
}
