// `warden provider install`: puts a release zip of terraform-provider-warden where Terraform
// (and cdktf) install it from, without a registry.
import type { Command } from 'commander';
import { examples } from '../help.ts';
import { reportError } from '../output.ts';
import { implicitMirror, installProvider } from '../provider-install.ts';

export function registerProvider(program: Command): void {
  const provider = program.command('provider').description('Install terraform-provider-warden from a release zip.');
  examples(
    provider
      .command('install')
      .description(
        'Lay a release zip out as a Terraform filesystem mirror. The zip is checked against the SHA256SUMS file beside it when there is one. ' +
          `Without --dir it goes to Terraform's implied mirror (${implicitMirror()}), which needs no configuration; ` +
          'with --dir a CLI config is written there too: point TF_CLI_CONFIG_FILE at it.',
      )
      .requiredOption('--from <zip-or-dir>', "a terraform-provider-warden_<version>_<os>_<arch>.zip, or a release directory holding this platform's zip")
      .option('--dir <dir>', 'mirror directory (default: ~/.terraform.d/plugins)')
      .option('--json', 'print the result as JSON')
      .action((flags: { from: string; dir?: string; json?: boolean }) => {
        try {
          const result = installProvider(flags);
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          process.stdout.write(
            `installed terraform-provider-warden ${result.version} (${result.platform})${result.verified ? ', SHA-256 verified' : ' (no SHA256SUMS beside the zip: not verified)'}\n` +
              `  ${result.executable}\n` +
              (result.cliConfigFile
                ? `use it with:\n  export TF_CLI_CONFIG_FILE=${result.cliConfigFile}\n`
                : 'Terraform finds it there without configuration (unless your CLI config sets provider_installation).\n') +
              'cdktf deploy also needs --skip-provider-lock for a provider that is not on a public registry.\n',
          );
        } catch (error) {
          process.exitCode = reportError(error);
        }
      }),
    'warden provider install --from dist/release',
    'warden provider install --from terraform-provider-warden_0.1.0_linux_amd64.zip --dir ./terraform-mirror',
  );
}
