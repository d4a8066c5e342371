// What must never reach a log line: session tokens, sign-in and email-link tokens, cookies and
// the parameters of SQL statements (token hashes among them). One place for the request log and
// every other line (pino redact and the request serializer in logging.module.ts).

/** Query parameters whose values are safe to log; every other value is replaced. */
const SAFE_QUERY_PARAMETERS = new Set(['answer']);

export const REDACTED = '[Redacted]';

/**
 * Paths pino blanks out on every line: credentials in headers, and the bound parameters that
 * TypeORM attaches to a failed query's error (`QueryFailedError.parameters`).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'err.parameters',
];

/**
 * A request URL for the log: the path as it is, each query value replaced unless it is known to
 * be harmless. Deny by default, because links in emails (`/aanmelden?token=`, `/sign-in?token=`,
 * `/introductions/answer?token=`), the queue dashboard (`/admin/queues?token=<session>`) and
 * GraphQL over GET (`?variables=`) all carry secrets in the query.
 * Example: `/introductions/answer?token=eyJ…&answer=accept` → `/introductions/answer?token=[Redacted]&answer=accept`.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      if (equals < 0) return name;
      return SAFE_QUERY_PARAMETERS.has(safeDecode(name)) ? pair : `${name}=${REDACTED}`;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}
