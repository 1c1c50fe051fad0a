// Stand-in for a secret store in examples/cdktn-quickstart: run by a local-exec provisioner
// with the ephemeral key material in WARDEN_CHECK_TOKEN, once, when the key is created. It
// calls whoami with the new key and writes the answer's principal and key prefix (never the
// token) to the file named by WARDEN_CHECK_KEY. Fails the apply when the key is refused.
import { writeFileSync } from 'node:fs';

const response = await fetch(new URL('/v1/whoami', process.env.WARDEN_ENDPOINT), { headers: { authorization: `Bearer ${process.env.WARDEN_CHECK_TOKEN}` } });
if (!response.ok) {
  console.error(`the new key was refused: HTTP ${response.status}`);
  process.exit(1);
}
const me = await response.json();
writeFileSync(process.env.WARDEN_CHECK_KEY, JSON.stringify({ principal: me.principal.name, keyPrefix: me.key.prefix }));
