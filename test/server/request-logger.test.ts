// Per-request loggers are made lazily: a request that logs nothing at an enabled level
// creates no pino child, and one that does gets a child with its bindings.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/logging.ts';
import { lazyChildLoggers } from '../../server/request-logger.ts';

function logged(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const parent = createLogger(level, stream);
  return { parent, lines, child: vi.spyOn(parent, 'child') };
}

describe('lazy request loggers', () => {
  it('makes no child for a request that only logs below the level', () => {
    const { parent, lines, child } = logged('warn');
    const log = lazyChildLoggers(parent, { reqId: 'req-1' }, {});
    log.info({ operation: 'whoami' }, 'request');
    log.debug('detail');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('makes the child once, with its bindings, when a request logs at an enabled level', () => {
    const { parent, lines, child } = logged('info');
    const log = lazyChildLoggers(parent, { reqId: 'req-7' }, {});
    log.info({ operation: 'whoami', status: 200 }, 'request');
    log.error({ err: { message: 'boom' } }, 'unhandled error');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { reqId: 'req-7', operation: 'whoami', status: 200, msg: 'request' },
      { reqId: 'req-7', msg: 'unhandled error' },
    ]);
  });

  it('still redacts credentials in what a request logs', () => {
    const { parent, lines } = logged('info');
    lazyChildLoggers(parent, { reqId: 'req-2' }, {}).info({ headers: { authorization: 'Bearer wdn_x' } }, 'headers');
    expect(lines[0]).not.toContain('wdn_x');
    expect(lines[0]).toContain('[redacted]');
  });
});
