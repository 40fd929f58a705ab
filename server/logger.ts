// Structured JSON logs (pino). Request id and tenant id ride on every line
// through the request context; prompts and personal data are never logged.
import pino, { type DestinationStream, type Logger } from 'pino';
import { logFields } from './request-context.ts';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'quote-master-pro' },
      mixin: logFields,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.email', '*.contact'], censor: '[redacted]' },
    },
    destination,
  );
}
