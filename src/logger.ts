import { LogLevel, type Logger } from '@slack/bolt';
import type { LogLevelName } from './config.js';

/**
 * One line per entry: time, level, message, then a JSON object of context (team, user, ids). Secrets never go in
 * context; tokens are redacted defensively in case an error message carries one.
 */

const ORDER: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };
const TOKEN = /xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

export interface LogSink {
  write(line: string): void;
}

export function createLogger(level: LogLevelName, sink: LogSink = process.stderr, name = 'skill-ladder'): Logger {
  let current = level as LogLevel;
  let loggerName = name;
  const emit = (at: LogLevel, parts: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const text = parts.map(formatPart).join(' ').replace(TOKEN, '[redacted]');
    sink.write(`${new Date().toISOString()} ${at.toUpperCase()} [${loggerName}] ${text}\n`);
  };
  return {
    debug: (...msg) => emit(LogLevel.DEBUG, msg),
    info: (...msg) => emit(LogLevel.INFO, msg),
    warn: (...msg) => emit(LogLevel.WARN, msg),
    error: (...msg) => emit(LogLevel.ERROR, msg),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      loggerName = next;
    },
  };
}

function formatPart(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) {
    const code = (part as { code?: unknown }).code;
    return `${part.name}: ${part.message}${code ? ` (${String(code)})` : ''}`;
  }
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}
