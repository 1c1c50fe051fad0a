// Help-text helpers so that every command shows runnable examples the same way.
import type { Command } from 'commander';

export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}
