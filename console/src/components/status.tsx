// Small shared pieces: an error message read out by screen readers, a loading line, the
// "managed by Terraform" mark and warning, and a hook that loads a page's data.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError, guard } from '../api.ts';

export function ErrorMessage({ error }: { error: unknown }) {
  if (error === undefined) {
    return null;
  }
  return (
    <p class="error" role="alert">
      {describeError(error)}
    </p>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      Loading…
    </p>
  );
}

export function TerraformMark() {
  return (
    <span class="badge terraform" title="Created or last changed by Terraform">
      Terraform
    </span>
  );
}

export function TerraformWarning({ what }: { what: string }) {
  return (
    <p class="warning" role="note">
      This {what} is managed by Terraform: a change made here is reverted by the next <code>terraform apply</code> (the next plan shows it as drift). Change the
      Terraform code instead, unless you mean to fix an emergency.
    </p>
  );
}

/** What the server records on service accounts, keys and roles about the client that changed them. */
interface ClientMarks {
  managed_by?: 'terraform' | null;
  last_changed_by_client?: 'terraform' | 'cli' | 'console' | 'api' | null;
}

/** True when the object was created or changed by Terraform: a change made here is reverted by the next plan. */
export function managedByTerraform(object: ClientMarks): boolean {
  return object.managed_by === 'terraform';
}

const CLIENT_NAMES = { terraform: 'Terraform', cli: 'warden CLI', console: 'this console', api: 'the API' } as const;

/** "Terraform" (marked), else the client of the last change, e.g. "warden CLI". */
export function ManagedBy({ object }: { object: ClientMarks }) {
  if (managedByTerraform(object)) {
    return <TerraformMark />;
  }
  const client = object.last_changed_by_client;
  return <span class="muted">{client ? CLIENT_NAMES[client] : '—'}</span>;
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a page; `deps` changing (e.g. the organization) loads again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    guard(run).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, generation]);
  return { ...state, reload: () => setGeneration((n) => n + 1) };
}
