// `warden completion bash|zsh|fish`: prints a completion script built from the command tree.
import { Argument, type Command } from 'commander';
import { bashCompletion, fishCompletion, zshCompletion } from '../completion.ts';
import { examples } from '../help.ts';

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

export function registerCompletion(program: Command): void {
  examples(
    program
      .command('completion')
      .description('Print a shell completion script for bash, zsh or fish (every command and option).')
      .addArgument(new Argument('<shell>', 'the shell').choices(Object.keys(SHELLS)))
      .action((shell: keyof typeof SHELLS) => {
        // The root program: completion covers every command, including this one.
        let root: Command = program;
        while (root.parent) root = root.parent;
        process.stdout.write(SHELLS[shell](root));
      }),
    'warden completion bash > ~/.local/share/bash-completion/completions/warden',
    'warden completion zsh > "${fpath[1]}/_warden"   # then restart zsh',
    'warden completion fish > ~/.config/fish/completions/warden.fish',
    'source <(warden completion bash)   # this shell only',
  );
}
