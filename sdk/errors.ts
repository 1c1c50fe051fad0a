// The one error type SDK callers catch: it carries the problem `code`, the HTTP status
// and the field errors, and never the credential or a secret.
import type { components } from './generated/warden.ts';

type Problem = components['schemas']['Problem'];

export class WardenApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly fieldErrors: components['schemas']['FieldError'][];

  constructor(status: number, problem: Partial<Problem> | undefined, fallback: string) {
    const code = problem?.code ?? (status === 0 ? 'network_error' : 'http_error');
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'WardenApiError';
    this.status = status;
    this.code = code;
    this.detail = problem?.detail;
    this.fieldErrors = problem?.errors ?? [];
  }
}
