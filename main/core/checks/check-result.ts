// Building blocks of the connection checks shared by `doctor` and the
// settings "Test" buttons: one ConnectionCheck per thing tested, a fix in
// words for every failure, and no secret in any text.
import { isCodedError, type ErrorCode } from '../../../common/errors';
import type { ConnectionCheck, ConnectionTestResult } from '../../../common/schemas';
import { Redactor } from '../logger';

/** What to do about each kind of failure, when the failing check has nothing more specific. */
const FIXES: Partial<Record<ErrorCode, string>> = {
  'ecoflow-bad-key':
    'Copy the access key again from the EcoFlow developer portal (Europe: developer-eu.ecoflow.com, Americas: developer.ecoflow.com) and check the region.',
  'ecoflow-bad-signature': 'Paste the secret key again, without spaces: it must be the one shown with this access key on the developer portal.',
  'clock-skew': 'Sync the system clock (turn on automatic time / NTP): EcoFlow refuses requests signed more than 60 s off.',
  'ecoflow-model-not-allowed':
    'Nothing to change here: EcoFlow has not opened this model to the developer API (or it is not bound to this account). Leave it out of the watched devices.',
  'ecoflow-error': 'Check the API URL; if it is right, EcoFlow may be having trouble: try again later.',
  'mqtt-auth':
    'Try again in a minute; if it repeats, the account may have hit EcoFlow’s limit of about 10 MQTT client ids a day: wait a day, or re-create the key pair on the developer portal.',
  network: 'Check the internet connection, any proxy or firewall, and the address.',
  tls: 'If the server uses a private CA, add it (NODE_EXTRA_CA_CERTS); otherwise check the system clock and any proxy that intercepts HTTPS.',
  'pg-auth': 'Check the user name in the Postgres URL and the password (ask the database owner for the paku role’s password).',
  'pg-unreachable': 'Check the host and port in the Postgres URL, that the server is running, and that no firewall blocks the port.',
  'pg-tls': 'Match the TLS mode to the server: require or verify-full (with its CA file) when it demands TLS, disable when it offers none.',
  'pg-schema': 'Ask the database owner to grant the missing rights to this role, or to fix the table.',
  'pg-error': 'Check the database name and the URL; the server’s words are above.',
  'bad-request': 'Correct the value named above.',
  'not-configured': 'Fill in the missing settings.',
};

const FALLBACK_FIX = 'See the message above; the log has the details.';

export function passed(name: string, message: string): ConnectionCheck {
  return { name, ok: true, message, fix: null, code: null };
}

export function failed(name: string, code: ErrorCode, message: string, fix?: string): ConnectionCheck {
  return { name, ok: false, message, fix: fix ?? FIXES[code] ?? FALLBACK_FIX, code };
}

/** A failed check from anything thrown: CodedErrors keep their code and words. */
export function failedFrom(name: string, e: unknown, fix?: string): ConnectionCheck {
  if (isCodedError(e)) return failed(name, e.code, e.message, fix);
  return failed(name, 'internal', `Unexpected problem: ${e instanceof Error ? e.message : String(e)}`, fix);
}

/** The result of a list of checks, with every secret masked as a last guard. */
export function resultOf(checks: readonly ConnectionCheck[], secrets: readonly (string | null | undefined)[]): ConnectionTestResult {
  const redactor = new Redactor();
  for (const s of secrets) redactor.register(s);
  const mask = (text: string): string => redactor.redact(text);
  return {
    ok: checks.length > 0 && checks.every((c) => c.ok),
    checks: checks.map((c) => ({ ...c, message: mask(c.message), fix: c.fix === null ? null : mask(c.fix) })),
  };
}
