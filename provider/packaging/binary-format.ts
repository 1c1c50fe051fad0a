// Reads an executable's header to tell its format and architecture, so tests and the release
// script can check that each platform got the binary it names.
import { closeSync, openSync, readSync } from 'node:fs';

export interface BinaryFormat {
  format: 'ELF' | 'Mach-O' | 'PE' | 'unknown';
  arch: 'x86-64' | 'arm64' | 'other';
}

function head(file: string, length: number, position = 0): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, position);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

export function binaryFormat(file: string): BinaryFormat {
  const bytes = head(file, 64);
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes.readUInt16LE(18);
    return { format: 'ELF', arch: machine === 0x3e ? 'x86-64' : machine === 0xb7 ? 'arm64' : 'other' };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { format: 'Mach-O', arch: cpu === 0x01000007 ? 'x86-64' : cpu === 0x0100000c ? 'arm64' : 'other' };
  }
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const peOffset = bytes.readUInt32LE(0x3c);
    const pe = head(file, 6, peOffset);
    if (pe.toString('latin1', 0, 4) === 'PE\0\0') {
      const machine = pe.readUInt16LE(4);
      return { format: 'PE', arch: machine === 0x8664 ? 'x86-64' : machine === 0xaa64 ? 'arm64' : 'other' };
    }
  }
  return { format: 'unknown', arch: 'other' };
}
