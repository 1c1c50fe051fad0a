// The console's static serving by the real server (no browser): /console answers the built
// page with a strict Content-Security-Policy and the other security headers, hashed assets
// are cached for good and the page never, the built page has no inline script or style,
// and nothing outside the build can be read through /console.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, findConsoleBuild } from '../../server/console-assets.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  expect(findConsoleBuild(), 'console/dist is missing: run `npm run build` first').toBeDefined();
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(server.url + path, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('the console at /console', () => {
  it('answers the page with a CSP that has no unsafe-inline and no other origin', async () => {
    for (const path of ['/console', '/console/', '/console/accept']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toBe(CONSOLE_CSP);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/https?:/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.text).toContain('<div id="app"></div>');
    }
  });

  it('the built page loads only same-origin files and carries no inline script or style', async () => {
    const page = (await get('/console/')).text;
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/console\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(page).not.toMatch(/<style\b/);
    expect(page).not.toMatch(/\sstyle=/);
    expect(page).not.toMatch(/\son[a-z]+=/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves hashed assets as immutable, with their types and the same headers', async () => {
    const page = (await get('/console/')).text;
    const assets = [...page.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
    for (const path of assets) {
      const asset = await get(path);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(path.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(asset.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      // The bundle talks to its own origin only.
      expect(asset.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\//i);
    }
  });

  it('answers 404 problem+json for a missing asset and never reads outside the build', async () => {
    for (const path of ['/console/assets/nope-123.js', '/console/..%2Fpackage.json', '/console/%2e%2e/%2e%2e/package.json', '/console/.vite/manifest.json']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.text).not.toContain('"name": "warden"');
    }
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    const answer = await get('/console', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('is carried by the @wardenhq/cli package (cli/dist/console after npm run build)', () => {
    const files = JSON.parse(readFileSync(new URL('../../cli/package.json', import.meta.url), 'utf8')).files as string[];
    expect(files).toContain('dist');
    expect(existsSync(new URL('../../cli/dist/console/index.html', import.meta.url))).toBe(true);
    expect(existsSync(new URL('../../cli/dist/console/.vite/manifest.json', import.meta.url))).toBe(true);
  });
});
