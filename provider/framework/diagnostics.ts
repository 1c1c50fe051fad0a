// Diagnostics: what every operation answers with instead of failing. A path points at
// the attribute the user must fix, so Terraform underlines it in the configuration.
//
// Path steps: a string is an attribute name, a number an index into a list/tuple/set,
// and `{ key }` a map key (the protocol's element_key_string).
export type PathStep = string | number | { key: string };
export type Path = PathStep[];

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  path?: Path;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, path?: Path): this {
    this.items.push({ severity: 'error', summary, detail, path });
    return this;
  }

  warning(summary: string, detail?: string, path?: Path): this {
    this.items.push({ severity: 'warning', summary, detail, path });
    return this;
  }

  add(...diagnostics: Diagnostic[]): this {
    this.items.push(...diagnostics);
    return this;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Thrown by provider code to stop with one error diagnostic; the server turns it into a reply. */
export class DiagnosticError extends Error {
  constructor(
    readonly summary: string,
    readonly detail?: string,
    readonly path?: Path,
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
    this.name = 'DiagnosticError';
  }
}

/** Renders a path the way Terraform prints it, e.g. tags["env"] or rules[0].name. */
export function formatPath(path: Path): string {
  return path
    .map((step, i) => {
      if (typeof step === 'number') {
        return `[${step}]`;
      }
      if (typeof step === 'object') {
        return `[${JSON.stringify(step.key)}]`;
      }
      return i === 0 ? step : `.${step}`;
    })
    .join('');
}
