// Questions on a terminal: plain answers, hidden answers (API keys are not echoed), and
// the yes/no confirmation destructive verbs ask for. Without a terminal there is nobody
// to answer, so confirmation is refused unless --yes was given.
import { createInterface } from 'node:readline/promises';
import { UsageError } from './exit-codes.ts';

export const isInteractive = (): boolean => Boolean(process.stdin.isTTY);

export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Reads a line without echoing it (raw mode); Ctrl-C aborts. */
export function askHidden(question: string): Promise<string> {
  return new Promise((resolveAnswer, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let answer = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolveAnswer(answer.trim());
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads all of stdin (for --api-key-stdin). */
export async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
  }
  return text.trim();
}

export class Declined extends Error {
  override name = 'Declined';
}

/**
 * Asks before a destructive change. `--yes` skips the question; without a terminal the
 * change is refused (exit 2) before anything is sent, so a script never hangs on a prompt
 * nor deletes something because a pipe happened to say "y".
 */
export async function confirm(what: string, yes: boolean | undefined): Promise<void> {
  if (yes) {
    return;
  }
  if (!isInteractive()) {
    throw new UsageError(`refusing to ${what} without --yes: stdin is not a terminal, so nobody can confirm; pass --yes to confirm in scripts`);
  }
  const answer = (await ask(`${what.charAt(0).toUpperCase()}${what.slice(1)}? [y/N] `)).toLowerCase();
  if (answer !== 'y' && answer !== 'yes') {
    throw new Declined('not confirmed; nothing was changed');
  }
}
