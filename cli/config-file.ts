// The CLI's credentials file: named profiles of endpoint, organization and API key,
// written by `warden auth login` with mode 0600 (like gh's hosts.yml). A file that group
// or others can read is refused, not just warned about: it holds a live key, and a
// warning scrolls by while the key stays exposed (ssh refuses such key files too).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { UsageError } from './exit-codes.ts';

export interface Profile {
  endpoint?: string;
  organization?: string;
  api_key?: string;
}

export interface ConfigDocument {
  current_profile?: string;
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';

/** --config-file, then $WARDEN_CONFIG_FILE, then $XDG_CONFIG_HOME/warden/config.yaml, then ~/.config/warden/config.yaml. */
export function configFilePath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = flag?.trim() || env.WARDEN_CONFIG_FILE?.trim();
  if (explicit) {
    return resolve(explicit);
  }
  const base = env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config');
  return join(base, 'warden', 'config.yaml');
}

/** Reads the file; a missing file is an empty document. Never includes the file's text in an error. */
export function readConfig(path: string): ConfigDocument {
  if (!existsSync(path)) {
    return { profiles: {} };
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    throw new UsageError(
      `${path} is readable by others (mode ${mode.toString(8).padStart(4, '0')}) and holds API keys; ` +
        `warden refuses to use it until you run: chmod 600 ${path}`,
    );
  }
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch {
    // Not the parser's message: it quotes the offending line, which may be a key.
    throw new UsageError(`${path} is not valid YAML; fix it or remove it and run \`warden auth login\` again`);
  }
  if (document === null || document === undefined) {
    return { profiles: {} };
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new UsageError(`${path} must be a YAML mapping with a "profiles" section`);
  }
  const { current_profile, profiles } = document as { current_profile?: unknown; profiles?: unknown };
  if (profiles !== undefined && (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))) {
    throw new UsageError(`${path}: "profiles" must map profile names to {endpoint, organization, api_key}`);
  }
  const clean: Record<string, Profile> = {};
  for (const [name, value] of Object.entries((profiles ?? {}) as Record<string, unknown>)) {
    const entry = (value ?? {}) as Record<string, unknown>;
    const text = (field: string) => (typeof entry[field] === 'string' && (entry[field] as string).trim() !== '' ? (entry[field] as string).trim() : undefined);
    clean[name] = { endpoint: text('endpoint'), organization: text('organization'), api_key: text('api_key') };
  }
  return { current_profile: typeof current_profile === 'string' ? current_profile : undefined, profiles: clean };
}

/** Writes atomically with mode 0600 (the directory 0700 when created). */
export function writeConfig(path: string, document: ConfigDocument): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const profiles: Record<string, Profile> = {};
  for (const [name, profile] of Object.entries(document.profiles)) {
    profiles[name] = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as Profile;
  }
  const text = stringify({ ...(document.current_profile ? { current_profile: document.current_profile } : {}), profiles });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  // The mode above is filtered by the umask; make sure it is exactly 0600.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** --profile, then $WARDEN_PROFILE, then the file's current_profile, then "default". */
export function profileName(flag: string | undefined, document: ConfigDocument, env: NodeJS.ProcessEnv = process.env): string {
  return flag?.trim() || env.WARDEN_PROFILE?.trim() || document.current_profile || DEFAULT_PROFILE;
}

/** The 12-character public prefix of a key (`wdn_` + 8), the only part ever shown. */
export const keyPrefix = (apiKey: string): string => `${apiKey.slice(0, 12)}…`;
