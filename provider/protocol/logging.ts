// Provider logs: hclog-shaped JSON lines on stderr, which Terraform folds into its own
// log at their level (TF_LOG_PROVIDER, else TF_LOG). stdout belongs to the handshake, so
// nothing here ever writes there. Redaction keeps sensitive values out of every line.
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

const OFF = LEVELS.length;

/** The minimum level to write: TF_LOG_PROVIDER wins over TF_LOG; unset or "off" keeps errors only. */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toLowerCase();
  if (wanted === '' || wanted === 'off') {
    // Terraform discards provider output then anyway; errors still help someone reading stderr by hand.
    return LEVELS.indexOf('error');
  }
  if (wanted === 'json') {
    return 0;
  }
  const index = LEVELS.indexOf(wanted as Level);
  return index < 0 ? LEVELS.indexOf('info') : index;
}

const patterns: RegExp[] = [];
const REDACTED = '[redacted]';

/** Registers a secret shape (e.g. a token format) that is masked wherever it appears in a line. */
export function addRedactionPattern(pattern: RegExp): void {
  patterns.push(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`));
}

/**
 * A copy of `values` with every attribute named in `sensitive` masked (null stays null so
 * "was it set" remains visible). Use it before logging a resource's state or config.
 */
export function redact<T extends Record<string, unknown>>(values: T, sensitive: Iterable<string>): T {
  const copy: Record<string, unknown> = { ...values };
  for (const name of sensitive) {
    if (copy[name] !== null && copy[name] !== undefined) {
      copy[name] = REDACTED;
    }
  }
  return copy as T;
}

export interface Logger {
  log(level: Level, message: string, fields?: Record<string, unknown>): void;
  /** Whether `level` is written: check it before building costly fields for a line. */
  enabled(level: Level): boolean;
}

const json = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : typeof v === 'symbol' ? String(v.description) : v));

/** A logger for one module name, e.g. "provider.warden"; `write` is for tests. */
export function createLogger(module: string, options: { level?: number; write?: (line: string) => void } = {}): Logger {
  const minimum = options.level ?? levelFromEnv();
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const enabled = (level: Level) => minimum < OFF && LEVELS.indexOf(level) >= minimum;
  return {
    enabled,
    log(level, message, fields = {}) {
      if (!enabled(level)) {
        return;
      }
      let line = json({ '@level': level, '@message': message, '@module': module, '@timestamp': new Date().toISOString(), ...fields });
      for (const pattern of patterns) {
        line = line.replace(pattern, REDACTED);
      }
      write(`${line}\n`);
    },
  };
}
