// `warden server`: runs the reference server until SIGINT/SIGTERM. The one stdout line
// `listening on http://HOST:PORT` is printed once it accepts requests (scripts and tests
// wait for it); logs go to stderr. Plain HTTP is served on loopback only, unless TLS is
// configured or --insecure-http says something else protects the traffic.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_RATE_LIMITS, formatQuota, parseQuota, type Quota } from '../../server/rate-limit-policy.ts';
import { InsecureListenError } from '../../server/listen-policy.ts';
import { defaultDataDir } from '../data-dir.ts';
import { examples } from '../help.ts';
import { integerOption } from '../parsers.ts';
import { EXIT, reportError } from '../output.ts';

/** How long open connections may take to finish after a signal before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

interface ServerFlags {
  dataDir: string;
  database?: string;
  host: string;
  port: number;
  logLevel: string;
  tlsCert?: string;
  tlsKey?: string;
  insecureHttp?: boolean;
  requestTimeout: number;
  headersTimeout: number;
  keepAliveTimeout: number;
  idleTimeout: number;
  maxConnections: number;
  maxBodySize: number;
  rateLimit: Quota | null;
  keyRateLimit: Quota | null;
  authFailureLimit: Quota | null;
  publicUrl?: string;
}

function quotaOption(option: string) {
  return (value: string): Quota | null => {
    try {
      return parseQuota(value, option);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/** Reads a PEM file named by a flag; a missing or unreadable file is a usage error. */
function readPem(flag: string, file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch (error) {
    return `${flag} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`;
  }
}

function usage(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = EXIT.usage;
}

export function registerServer(program: Command): void {
  examples(
    program
      .command('server')
      .description(
        'Run the reference server: SQLite in DIR/warden.db by default, PostgreSQL with --database. Prints `listening on http://HOST:PORT` once it accepts requests.',
      )
      .addOption(
        new Option('--data-dir <dir>', 'directory of the SQLite database warden.db')
          .default(defaultDataDir(), '$WARDEN_DATA_DIR or ./.warden')
          .conflicts('database'),
      )
      .option('--database <url>', 'sqlite:/path/to/warden.db or postgres://user@host:5432/db (several replicas can share one PostgreSQL database)')
      .option('--host <host>', 'address to bind; any address but loopback needs --tls-cert/--tls-key (or --insecure-http)', '127.0.0.1')
      .option('--port <port>', 'port to listen on; 0 picks a free one', integerOption('--port', 0, 65535), 8080)
      .option('--tls-cert <file>', 'PEM certificate chain: serve HTTPS (with HSTS); needs --tls-key')
      .option('--tls-key <file>', 'PEM private key of --tls-cert')
      .option('--public-url <url>', 'base URL people reach this server at (e.g. https://warden.example.com), for invitation links; default: the request Host')
      .option('--insecure-http', 'serve plain HTTP on a non-loopback --host (only behind a TLS-terminating proxy or on a private network)')
      .option('--request-timeout <seconds>', 'time to receive a whole request, body included; 408 after', integerOption('--request-timeout', 1, 3600), 30)
      .option(
        '--headers-timeout <seconds>',
        'time to receive the request headers (at most --request-timeout); 408 after',
        integerOption('--headers-timeout', 1, 3600),
        10,
      )
      .option(
        '--keep-alive-timeout <seconds>',
        'how long an idle kept-alive connection waits for its next request',
        integerOption('--keep-alive-timeout', 1, 3600),
        5,
      )
      .option('--idle-timeout <seconds>', 'a connection without any traffic for this long is closed', integerOption('--idle-timeout', 1, 3600), 60)
      .option('--max-connections <n>', 'connections beyond this many are refused', integerOption('--max-connections', 1, 1_000_000), 1024)
      .option('--max-body-size <bytes>', 'largest request body; 413 above', integerOption('--max-body-size', 1024, 16 * 1024 * 1024), 65536)
      .addOption(
        new Option('--rate-limit <n/duration>', 'requests per client address, e.g. 600/60s, or off (counted per replica)')
          .argParser(quotaOption('--rate-limit'))
          .default(DEFAULT_RATE_LIMITS.client, formatQuota(DEFAULT_RATE_LIMITS.client)),
      )
      .addOption(
        new Option('--key-rate-limit <n/duration>', 'requests per API key from any address, or off')
          .argParser(quotaOption('--key-rate-limit'))
          .default(DEFAULT_RATE_LIMITS.key, formatQuota(DEFAULT_RATE_LIMITS.key)),
      )
      .addOption(
        new Option('--auth-failure-limit <n/duration>', 'failed authentications per client address before it is refused (429) for a doubling time, or off')
          .argParser(quotaOption('--auth-failure-limit'))
          .default(DEFAULT_RATE_LIMITS.authFailures, formatQuota(DEFAULT_RATE_LIMITS.authFailures)),
      )
      .addOption(
        new Option('--log-level <level>', 'log verbosity (JSON logs on stderr)').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
      )
      .action(async (flags: ServerFlags) => {
        if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) {
          usage('--tls-cert and --tls-key go together: give both to serve HTTPS, or neither');
          return;
        }
        let tls: { cert: Buffer; key: Buffer } | undefined;
        if (flags.tlsCert && flags.tlsKey) {
          const cert = readPem('--tls-cert', flags.tlsCert);
          const key = readPem('--tls-key', flags.tlsKey);
          if (typeof cert === 'string' || typeof key === 'string') {
            usage(typeof cert === 'string' ? cert : (key as string));
            return;
          }
          tls = { cert, key };
        }
        let server: { url: string; close(): Promise<void> };
        try {
          const { startServer } = await import('../../server/start.ts');
          server = await startServer({
            dataDir: flags.dataDir,
            database: flags.database,
            host: flags.host,
            port: flags.port,
            logLevel: flags.logLevel,
            tls,
            insecureHttp: flags.insecureHttp,
            limits: {
              requestTimeoutMs: flags.requestTimeout * 1000,
              headersTimeoutMs: flags.headersTimeout * 1000,
              keepAliveTimeoutMs: flags.keepAliveTimeout * 1000,
              idleTimeoutMs: flags.idleTimeout * 1000,
              maxConnections: flags.maxConnections,
              bodyLimitBytes: flags.maxBodySize,
            },
            rateLimits: { client: flags.rateLimit, key: flags.keyRateLimit, authFailures: flags.authFailureLimit },
            publicUrl: flags.publicUrl,
          });
        } catch (error) {
          if (error instanceof InsecureListenError) {
            usage((error as Error).message);
            return;
          }
          if (
            (error as { code?: string }).code === 'ERR_OSSL_PEM_NO_START_LINE' ||
            /PEM|key values mismatch|certificate/i.test((error as Error).message ?? '')
          ) {
            usage(`--tls-cert/--tls-key: ${(error as Error).message}`);
            return;
          }
          if ((error as { code?: string }).code === 'EADDRINUSE') {
            process.stderr.write(`error: ${flags.host}:${flags.port} is already in use; choose another --port (0 picks a free one)\n`);
            process.exitCode = EXIT.error;
            return;
          }
          process.exitCode = reportError(error);
          return;
        }
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) {
            // A second Ctrl-C means "now".
            process.exit(EXIT.error);
          }
          stopping = true;
          process.stderr.write(`${signal}: finishing open requests, then stopping\n`);
          const force = setTimeout(() => {
            process.stderr.write(`still busy after ${SHUTDOWN_GRACE_MS / 1000}s; stopping anyway\n`);
            process.exit(EXIT.error);
          }, SHUTDOWN_GRACE_MS);
          force.unref();
          server.close().then(
            () => process.exit(EXIT.ok),
            (error: unknown) => {
              process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
              process.exit(EXIT.error);
            },
          );
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        // Announced only once the signal handlers are in place: a supervisor that signals
        // right after reading this line must get a graceful stop, not a killed process.
        process.stdout.write(`listening on ${server.url}\n`);
      }),
    'warden server',
    'warden server --port 0 --data-dir /var/lib/warden',
    'warden server --host 0.0.0.0 --tls-cert server.pem --tls-key server-key.pem --database postgres://warden@db:5432/warden',
    'warden server --host 0.0.0.0 --insecure-http   # only behind a TLS-terminating proxy',
    'warden server --rate-limit 600/60s --auth-failure-limit 10/1m',
  );
}
