// Structured JSON logs (pino). Credentials are redacted at the logger, and request
// bodies are never logged, so no secret can reach a log line.
import { pino, type DestinationStream, type Logger } from 'pino';

export function createLogger(level = 'info', stream: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { service: 'warden' },
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.secret', 'secret', '*.token', 'token'],
        censor: '[redacted]',
      },
    },
    stream as DestinationStream,
  );
}
