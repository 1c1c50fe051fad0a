// Structured JSON logs (pino). Credentials are redacted at the logger, and request
// bodies are never logged, so no secret can reach a log line.
import { pino, type DestinationStream, type Logger } from 'pino';

export function createLogger(level = 'info', stream: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { service: 'warden' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'req.headers.cookie',
          'headers.cookie',
          'req.headers["x-csrf-token"]',
          'headers["x-csrf-token"]',
          '*.secret',
          'secret',
          '*.token',
          'token',
          '*.password',
          'password',
        ],
        censor: '[redacted]',
      },
    },
    stream as DestinationStream,
  );
}
