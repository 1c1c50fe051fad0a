// The files of a Terraform Registry-style release, made reproducibly: zips with one entry,
// fixed time, order and compression; SHA256SUMS; the manifest; and the hashes Terraform
// records in lock files (h1: over the unpacked files, zh: over the zip).
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync, zipSync } from 'fflate';

export const PROVIDER_TYPE = 'warden';
export const PROVIDER_NAMESPACE = 'wardenhq';

export const zipName = (version: string, platform: string) => `terraform-provider-${PROVIDER_TYPE}_${version}_${platform}.zip`;
export const sumsName = (version: string) => `terraform-provider-${PROVIDER_TYPE}_${version}_SHA256SUMS`;
export const manifestName = (version: string) => `terraform-provider-${PROVIDER_TYPE}_${version}_manifest.json`;

/** `terraform-provider-warden_0.1.0_linux_amd64.zip` → its version and platform. */
export function parseZipName(name: string): { version: string; platform: string } | undefined {
  const match = /^terraform-provider-warden_(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)_([a-z0-9]+_[a-z0-9]+)\.zip$/.exec(name);
  return match ? { version: match[1]!, platform: match[2]! } : undefined;
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * A zip holding one executable. Every byte is a function of the inputs: the entry's time
 * comes from the caller (SOURCE_DATE_EPOCH), Unix mode 0755, one compression level.
 */
export function zipExecutable(name: string, contents: Uint8Array, modified: Date): Uint8Array {
  return zipSync({ [name]: [contents, { level: 6, mtime: modified, os: 3, attrs: (0o100755 << 16) >>> 0 }] });
}

export function unzipFiles(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

/** `<sha256>  <file>` lines, sorted by file name, as Terraform Registry releases publish them. */
export function sha256Sums(files: Record<string, Uint8Array>): string {
  return Object.keys(files)
    .sort()
    .map((name) => `${sha256(files[name]!)}  ${name}\n`)
    .join('');
}

export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (match) {
      sums.set(match[2]!, match[1]!);
    }
  }
  return sums;
}

export const manifest = () => `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`;

/** Terraform's `h1:` hash (Go's dirhash Hash1): the SHA-256 of the package's SHA256SUMS-style listing. */
export function h1Hash(files: Record<string, Uint8Array>): string {
  return `h1:${createHash('sha256').update(sha256Sums(files)).digest('base64')}`;
}

/** Terraform's `zh:` hash: the zip's SHA-256. */
export const zhHash = (zip: Uint8Array) => `zh:${sha256(zip)}`;

export { strFromU8 };
