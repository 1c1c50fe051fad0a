// Serves the web console (the Vite build of console/) at /console on the API's own origin,
// so the session cookie and the API share one origin and no second server is needed.
// Outside the OpenAPI contract. The build is read once, at start, into memory: only the
// files it holds can be answered (no path is ever joined onto the disk), and every answer
// carries a strict Content-Security-Policy (no 'unsafe-inline', nothing third-party).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AllowedMethods } from './allowed-methods.ts';
import { problem } from './errors.ts';

export const CONSOLE_PATH = '/console';

/** Scripts, styles, images and requests only from this origin; no framing, no <base>, no inline code. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite writes this manifest into every build; a folder without it is source, not a build. */
const BUILD_MARKER = join('.vite', 'manifest.json');

interface Asset {
  body: Buffer;
  type: string;
  /** Hashed file names never change content: cached for a year. */
  immutable: boolean;
}

/**
 * Where the build is: console/dist beside server/ when running from source (tsx), or
 * cli/dist/console beside the bundled CLI's chunks (the @wardenhq/cli package).
 */
export function findConsoleBuild(): string | undefined {
  const candidates = [
    fileURLToPath(new URL('../console/dist/', import.meta.url)),
    fileURLToPath(new URL('../console/', import.meta.url)),
    fileURLToPath(new URL('./console/', import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, BUILD_MARKER)));
}

/** Every servable file of a build, by URL path below /console/ (the .vite folder is left out). */
export function loadConsoleAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (name.startsWith('.')) {
        continue;
      }
      if (statSync(file).isDirectory()) {
        walk(file);
        continue;
      }
      const type = CONTENT_TYPES[extname(name)];
      if (!type) {
        continue;
      }
      const path = relative(dir, file).split(sep).join('/');
      assets.set(path, { body: readFileSync(file), type, immutable: path.startsWith('assets/') });
    }
  };
  walk(dir);
  return assets;
}

/** Registers GET (and so HEAD) /console, /console/ and /console/*; `allowed` learns them for 405 answers. */
export function registerConsole(app: FastifyInstance, allowed: AllowedMethods, dir = findConsoleBuild()): void {
  const assets = dir ? loadConsoleAssets(dir) : new Map<string, Asset>();
  const index = assets.get('index.html');

  const send = (reply: FastifyReply, asset: Asset) =>
    reply
      .headers(SECURITY_HEADERS)
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(asset.type)
      .send(asset.body);

  const answer = async (path: string, reply: FastifyReply) => {
    if (!index) {
      throw problem(503, 'unavailable', 'The console is not built; run `npm run build` (it writes console/dist).');
    }
    const asset = assets.get(path);
    if (asset) {
      return send(reply, asset);
    }
    // A missing hashed file is a stale page asking for an old build: 404, not the page.
    if (path.startsWith('assets/') || extname(path) !== '') {
      throw problem(404, 'not_found', `No console file ${CONSOLE_PATH}/${path}.`);
    }
    // Any other path is a page of the single-page app (e.g. /console/accept?token=…).
    return send(reply, index);
  };

  app.get(CONSOLE_PATH, async (_request, reply) => answer('index.html', reply));
  app.get(`${CONSOLE_PATH}/`, async (_request, reply) => answer('index.html', reply));
  app.get(`${CONSOLE_PATH}/*`, async (request, reply) => answer((request.params as { '*': string })['*'], reply));
  allowed.add('GET', CONSOLE_PATH);
  allowed.add('GET', `${CONSOLE_PATH}/`);
}
