import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Message text, names and phone numbers are never logged at any level we ship;
 * secrets that reach a log object by accident are redacted.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ponte' },
      redact: { paths: ['*.text', '*.password', '*.token', '*.secret', 'text', 'password', 'authorization', '*.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
