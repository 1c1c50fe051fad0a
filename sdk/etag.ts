// Entity tags: the server sends an entity's `version` as `ETag: "<version>"`; sending
// it back as If-Match turns a concurrent change into 412 version_conflict instead of a
// silent overwrite. These helpers let callers that hold only the version build the tag.

/** `3` → `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** `"3"` or `W/"3"` → 3; undefined for anything else. */
export function versionOf(etag: string | null | undefined): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(etag?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}
