// Questions on a terminal: plain answers, hidden answers (API keys are not echoed), and
// the yes/no confirmation destructive verbs ask for. Without a terminal there is nobody
// to answer, so confirmation is refused unless --yes was given.
import { createInterface, type Interface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { UsageError } from './exit-codes.ts';

export const isInteractive = (): boolean => Boolean(process.stdin.isTTY);

/**
 * Several questions through one readline interface, so that answers typed (or pasted)
 * ahead are not lost between questions. Hidden answers mute the echo, not the prompt.
 */
export class Prompter {
  private muted = false;
  private readonly rl: Interface;

  constructor() {
    const echo = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.muted) process.stderr.write(chunk);
        done();
      },
    });
    this.rl = createInterface({ input: process.stdin, output: echo, terminal: Boolean(process.stdin.isTTY) });
    this.rl.on('SIGINT', () => {
      this.close();
      process.stderr.write('\n');
      process.exit(130);
    });
  }

  async ask(question: string): Promise<string> {
    return (await this.rl.question(question)).trim();
  }

  /** The typed characters are not echoed (API keys). */
  async askHidden(question: string): Promise<string> {
    process.stderr.write(question);
    this.muted = true;
    try {
      return (await this.rl.question('')).trim();
    } finally {
      this.muted = false;
      process.stderr.write('\n');
    }
  }

  close(): void {
    this.rl.close();
  }
}

export async function ask(question: string): Promise<string> {
  const prompter = new Prompter();
  try {
    return await prompter.ask(question);
  } finally {
    prompter.close();
  }
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
