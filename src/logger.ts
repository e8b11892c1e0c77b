import { LogLevel, type Logger } from '@slack/bolt';
import type { LogFormat, LogLevelName } from './config.js';

/**
 * Two formats: `text` is one readable line per entry (time, level, message, then a JSON object of context) for a
 * terminal; `json` is one JSON object per line for log collectors, with the context objects' fields at the top
 * level. Fields of the request being handled (team, user, request id; see log-context.ts) are added to every entry,
 * Bolt's own warnings and errors included. Secrets never go in context; tokens are redacted defensively in case an
 * error message carries one.
 */

const ORDER: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };
const TOKEN = /xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

export interface LogSink {
  write(line: string): void;
}

export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  format?: LogFormat;
  /** Fields of the work in progress (the request being handled), read at each entry. */
  context?: () => LogFields | undefined;
}

export function createLogger(level: LogLevelName, sink: LogSink = process.stderr, name = 'skill-ladder', options: LoggerOptions = {}): Logger {
  let current = level as LogLevel;
  let loggerName = name;
  const format = options.format ?? 'text';
  const emit = (at: LogLevel, parts: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const context = options.context?.();
    const line = format === 'json' ? jsonLine(at, loggerName, parts, context) : textLine(at, loggerName, parts, context);
    sink.write(`${line.replace(TOKEN, '[redacted]')}\n`);
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

function textLine(at: LogLevel, name: string, parts: unknown[], context: LogFields | undefined): string {
  const all = context && Object.keys(context).length > 0 ? [...parts, context] : parts;
  return `${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${all.map(formatPart).join(' ')}`;
}

function jsonLine(at: LogLevel, name: string, parts: unknown[], context: LogFields | undefined): string {
  const messages: string[] = [];
  const fields: LogFields = { ...context };
  for (const part of parts) {
    if (typeof part === 'string') messages.push(part);
    else if (part instanceof Error) fields.error = describeError(part);
    else if (part !== null && typeof part === 'object' && !Array.isArray(part)) Object.assign(fields, part);
    else messages.push(formatPart(part));
  }
  const entry = { time: new Date().toISOString(), level: at, name, msg: messages.join(' '), ...fields };
  try {
    return JSON.stringify(entry);
  } catch {
    return JSON.stringify({ time: entry.time, level: at, name, msg: entry.msg, fields: '[unserializable]' });
  }
}

function describeError(error: Error): LogFields {
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code ? { code: String(code) } : {}), ...(error.stack ? { stack: error.stack } : {}) };
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
