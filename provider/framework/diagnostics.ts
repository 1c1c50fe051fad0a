// Diagnostics: what every RPC answers with instead of failing. Paths point at the
// attribute the user must fix, so Terraform underlines it in the configuration.
export type PathStep = string | number;

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  path?: PathStep[];
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, path?: PathStep[]): this {
    this.items.push({ severity: 'error', summary, detail, path });
    return this;
  }

  warning(summary: string, detail?: string, path?: PathStep[]): this {
    this.items.push({ severity: 'warning', summary, detail, path });
    return this;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Thrown by resource code to stop with one diagnostic; the server turns it into a reply. */
export class DiagnosticError extends Error {
  constructor(
    readonly summary: string,
    readonly detail?: string,
    readonly path?: PathStep[],
  ) {
    super(summary);
    this.name = 'DiagnosticError';
  }
}

export function toProtoDiagnostics(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => ({
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.path
      ? { attribute: { steps: d.path.map((step) => (typeof step === 'number' ? { element_key_int: step } : { attribute_name: step })) } }
      : {}),
  }));
}
