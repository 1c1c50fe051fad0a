// Provider logs go to stderr as hclog-shaped JSON lines, which Terraform reads into its
// own log at their level (TF_LOG / TF_LOG_PROVIDER). stdout belongs to the handshake.
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

function threshold(): number {
  const wanted = (process.env.TF_LOG_PROVIDER ?? process.env.TF_LOG ?? 'info').toLowerCase();
  const index = LEVELS.indexOf((wanted === 'json' ? 'trace' : wanted) as Level);
  return index < 0 ? 2 : index;
}

const minimum = threshold();
const SECRET_SHAPE = /wdn_[0-9A-Za-z]{49}/g;

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS.indexOf(level) < minimum) {
    return;
  }
  const line = JSON.stringify({ '@level': level, '@message': message, '@module': 'provider.warden', '@timestamp': new Date().toISOString(), ...fields });
  // Belt and braces: nothing shaped like a Warden token is ever written, whatever the caller passed.
  process.stderr.write(line.replace(SECRET_SHAPE, 'wdn_[redacted]') + '\n');
}
