// A token with its last character changed: never the token itself, whatever that character
// is (a fixed replacement equals it once in ~62 random tokens), and its checksum no longer
// matches, as after a typo.
export const mistyped = (token: string): string => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
