// fastify gives every request a child logger bound to its request id. A pino child costs
// time and allocations on every request (its bindings are serialized through the redaction
// rules), while at warn level, or at info for requests that fail before routing, most
// requests never log. This child is only made the first time a request logs at a level
// the server writes.
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilent } from 'pino';

type Log = (...args: unknown[]) => void;

class LazyChildLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger & { isLevelEnabled(level: Level): boolean },
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get real(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }

  private write(level: Level, args: unknown[]): void {
    if (this.made || this.parent.isLevelEnabled(level)) {
      (this.real[level] as Log)(...args);
    }
  }

  get level(): LevelWithSilent {
    return (this.made ?? this.parent).level as LevelWithSilent;
  }
  set level(level: LevelWithSilent) {
    this.real.level = level;
  }
  fatal(...args: unknown[]) {
    this.write('fatal', args);
  }
  error(...args: unknown[]) {
    this.write('error', args);
  }
  warn(...args: unknown[]) {
    this.write('warn', args);
  }
  info(...args: unknown[]) {
    this.write('info', args);
  }
  debug(...args: unknown[]) {
    this.write('debug', args);
  }
  trace(...args: unknown[]) {
    this.write('trace', args);
  }
  silent() {}
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

export const lazyChildLoggers = (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger =>
  // A child with its own level (a route's logLevel) is made at once: its level decides.
  options.level === undefined
    ? (new LazyChildLogger(logger as FastifyBaseLogger & { isLevelEnabled(level: Level): boolean }, bindings, options) as unknown as FastifyBaseLogger)
    : logger.child(bindings, options);
