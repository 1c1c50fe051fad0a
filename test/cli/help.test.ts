// The command tree itself: every command and option explains itself, every command a
// person runs shows examples, and `warden --help` documents the exit codes.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/program.ts';

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => void (text += s), writeErr: (s) => void (text += s) });
  command.outputHelp();
  return text;
}

const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
const pathOf = (command: Command): string => (command.parent ? `${pathOf(command.parent)} ${command.name()}` : command.name());
const program = buildProgram();
const commands = all(program).filter((c) => c.name() !== 'help');

describe('warden --help', () => {
  it('documents every exit code', () => {
    const help = helpOf(program);
    for (const line of ['0  success', '1  the server refused', '2  usage', '3  unauthenticated', '4  not found', '5  conflict']) {
      expect(help).toContain(line);
    }
    expect(help).toMatch(/WARDEN_ENDPOINT, WARDEN_API_KEY and WARDEN_ORG/);
  });

  it.each([
    'server',
    'init',
    'recover',
    'auth',
    'completion',
    'provider',
    'whoami',
    'service-accounts',
    'users',
    'me',
    'roles',
    'permissions',
    'assignments',
    'keys',
    'audit',
  ])('has the %s command', (name) => {
    expect(program.commands.map((c) => c.name())).toContain(name);
  });

  it.each(commands.map((c) => [pathOf(c), c] as const))('%s describes itself and every option', (_path, command) => {
    expect(command.description().length).toBeGreaterThan(10);
    for (const option of command.options) {
      expect(option.description, `${pathOf(command)} ${option.flags}`).toMatch(/\w{3,}/);
    }
  });

  it.each(commands.filter((c) => c.commands.length === 0 && !['review', 'audit-drift'].includes(c.name())).map((c) => [pathOf(c), c] as const))(
    '%s shows a runnable example',
    (_path, command) => {
      expect(helpOf(command)).toMatch(/\nExamples:\n {2}(warden|export) /);
    },
  );

  it('lets client options follow the verb on every client command', () => {
    const local = [
      'warden server',
      'warden init',
      'warden',
      'warden provider install',
      'warden recover',
      'warden completion',
      'warden auth login',
      'warden auth status',
      'warden auth logout',
    ];
    for (const command of commands.filter((c) => c.commands.length === 0 && !local.includes(pathOf(c)))) {
      expect(
        command.options.map((o) => o.long),
        pathOf(command),
      ).toEqual(expect.arrayContaining(['--endpoint', '--api-key', '--org']));
    }
  });
});
