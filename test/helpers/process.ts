// Runs a command asynchronously and collects its output. Asynchronous on purpose: the
// server under test often lives in the test's own process and must keep answering.
import { spawn } from 'node:child_process';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    const result: ProcessResult = { code: -1, stdout: '', stderr: '', output: '' };
    child.stdout.on('data', (chunk) => {
      result.stdout += chunk;
      result.output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      result.stderr += chunk;
      result.output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ...result, code: code ?? -1 }));
  });
}
