// Parses one raw MQTT payload into what it means (spec §4.4). Every payload is
// untrusted: anything unexpected becomes {kind:'malformed'} with a reason, and
// nothing here throws. Message ids are never read as numbers (they exceed 2^53).
import { emptyRawMap, FORBIDDEN_KEYS, type RawMap, type RawValue } from './raw';

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export type TopicKind = 'quota' | 'status' | 'set_reply';

export type Envelope =
  /**
   * keys are read-only: a null-prototype map, or the parsed params checked free of forbidden keys;
   * free of non-finite numbers either way. names = Object.keys(keys), already enumerated (a full
   * snapshot's 350-key object is in dictionary mode, where each enumeration is costly).
   */
  | { kind: 'quota'; keys: RawMap; names: readonly string[]; ts?: number }
  | { kind: 'status'; online: boolean }
  | { kind: 'set_reply'; id: string; ok: boolean }
  | { kind: 'malformed'; reason: string };

type JsonObject = { [k: string]: unknown };

/** Type codes of module messages (shape B) and the key prefix each one maps to. */
const TYPE_CODE_PREFIX: Readonly<Record<string, string>> = {
  pdStatus: 'pd.',
  mpptStatus: 'mppt.',
  invStatus: 'inv.',
  bmsStatus: 'bms_bmsStatus.',
  emsStatus: 'bms_emsStatus.',
  bmsInfo: 'bms_bmsInfo.',
  bmsSlaveStatus: 'bms_slave.',
  bmsSlaveStatus_1: 'bms_slave_bmsSlaveStatus_1.',
  bmsSlaveStatus_2: 'bms_slave_bmsSlaveStatus_2.',
};

const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(['id', 'version', 'timestamp', 'typeCode', 'cmdFunc', 'cmdId']);

const malformed = (reason: string): Envelope => ({ kind: 'malformed', reason });

const utf8 = (b: Uint8Array): string => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength)).toString('utf8');

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a forbidden key appears as an object key anywhere in the value. */
function hasForbiddenKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasForbiddenKey);
  if (!isObject(v)) return false;
  for (const k of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(k) || hasForbiddenKey(v[k])) return true;
  }
  return false;
}

/** A forbidden key can appear only spelled out, or written with \u escapes. */
const SUSPICIOUS_WORD = /__proto__|constructor|prototype/;

/** True when a number anywhere in the value is ±Infinity (JSON.parse of 1e999). Walks without allocating. */
function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return v - v !== 0;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (hasNonFinite(x)) return true;
    return false;
  }
  const o = v as JsonObject;
  for (const k in o) if (hasNonFinite(o[k])) return true;
  return false;
}

function parseJson(payload: Uint8Array, text?: string): { value: JsonObject } | { error: string } {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) return { error: `payload too large (${payload.byteLength} bytes)` };
  const s = text ?? utf8(payload);
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    return { error: 'not JSON' };
  }
  if (!isObject(value)) return { error: 'not a JSON object' };
  // Cheap text tests first; the key walk runs only when a forbidden key could be there.
  if ((SUSPICIOUS_WORD.test(s) || s.includes('\\u')) && hasForbiddenKey(value)) return { error: 'forbidden key (__proto__/constructor/prototype)' };
  // Non-finite numbers are looked for only where they matter: in the quota keys (quotaOf).
  return { value };
}

interface Keys {
  keys: RawMap;
  names: string[];
}

/** Copies wire keys into a null-prototype map under a prefix. */
function copyKeys(src: JsonObject, prefix: string, skip?: ReadonlySet<string>): Keys {
  const keys = emptyRawMap();
  const names: string[] = [];
  for (const k of Object.keys(src)) {
    if (skip?.has(k)) continue;
    const name = prefix + k;
    keys[name] = src[k] as RawValue;
    names.push(name);
  }
  return { keys, names };
}

/** True when every value (and everything nested in it) is free of ±Infinity. */
function allFinite({ keys, names }: Keys): boolean {
  for (let i = 0; i < names.length; i++) {
    const v = keys[names[i]!];
    if (typeof v === 'number' ? v - v !== 0 : typeof v === 'object' && v !== null && hasNonFinite(v)) return false;
  }
  return true;
}

function asNumericText(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string' && /^-?\d{1,12}$/.test(v)) return v;
  return null;
}

function quotaOf(msg: JsonObject): Envelope {
  let k: Keys;
  if (msg.typeCode !== undefined) {
    if (typeof msg.typeCode !== 'string' || msg.typeCode === '') return malformed('typeCode is not a string');
    if (!isObject(msg.params)) return malformed('typeCode message without a params object');
    k = copyKeys(msg.params, TYPE_CODE_PREFIX[msg.typeCode] ?? `${msg.typeCode}.`);
  } else if (msg.param !== undefined && msg.params === undefined && (msg.cmdFunc !== undefined || msg.cmdId !== undefined)) {
    const func = asNumericText(msg.cmdFunc);
    const id = asNumericText(msg.cmdId);
    if (func === null || id === null) return malformed('cmdFunc/cmdId are not integers');
    if (!isObject(msg.param)) return malformed('param is not an object');
    k = copyKeys(msg.param, `${func}_${id}.`);
  } else if (msg.params !== undefined) {
    if (!isObject(msg.params)) return malformed('params is not an object');
    // Already checked for forbidden keys: used as-is, without a copy
    // (the device state copies the keys into its null-prototype map).
    k = { keys: msg.params as RawMap, names: Object.keys(msg.params) };
  } else {
    k = copyKeys(msg, '', ENVELOPE_FIELDS);
  }
  if (!allFinite(k)) return malformed('non-finite number');
  const ts = msg.timestamp;
  const env: Envelope = { kind: 'quota', keys: k.keys, names: k.names };
  if (typeof ts === 'number' && Number.isFinite(ts) && ts > 0) env.ts = ts;
  else if (typeof ts === 'string' && /^\d{10,14}$/.test(ts)) env.ts = Number(ts);
  return env;
}

function statusOf(msg: JsonObject): Envelope {
  const p = isObject(msg.params) ? msg.params : msg;
  const s = p.status;
  if (s === 0 || s === 1 || s === '0' || s === '1') return { kind: 'status', online: Number(s) === 1 };
  return malformed('status message without params.status 0/1');
}

/** The top-level "id" exactly as written, without ever going through a number. */
function rawTopLevelId(text: string, msg: JsonObject): string | null {
  if (typeof msg.id === 'string') return msg.id;
  if (typeof msg.id !== 'number') return null;
  // JSON.parse already rounded a large id; take the digits from the text instead.
  // A key "id" cannot occur inside a JSON string unescaped, so every match is a key;
  // the top-level one is the match that is not inside a nested object.
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (depth === 1 && text.startsWith('"id"', i)) {
        const m = /^"id"\s*:\s*(-?\d+)/.exec(text.slice(i, i + 40));
        if (m?.[1]) return m[1];
      }
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return null;
}

function setReplyOf(msg: JsonObject, text: string): Envelope {
  const id = rawTopLevelId(text, msg);
  if (id === null) return malformed('set_reply without an id');
  const code = msg.code === undefined ? '0' : String(msg.code);
  const data = isObject(msg.data) ? msg.data : {};
  // Families report success differently: ack 0 (Delta 2, plug), configOk (Delta Pro 3), result 0.
  const ok = code === '0' && !data.ack && data.configOk !== false && (data.result === undefined || data.result === 0);
  return { kind: 'set_reply', id, ok };
}

export function parseEnvelope(topicKind: TopicKind, payload: Uint8Array): Envelope {
  try {
    const text = topicKind === 'set_reply' ? utf8(payload) : undefined;
    const parsed = parseJson(payload, text);
    if ('error' in parsed) return malformed(parsed.error);
    const msg = parsed.value;
    if (topicKind === 'status') return statusOf(msg);
    if (topicKind === 'set_reply') return setReplyOf(msg, text ?? '');
    return quotaOf(msg);
  } catch (e) {
    // Defensive: nothing above should throw, but a payload must never escape as an exception.
    return malformed(`unexpected: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A REST quota answer's `data` as a raw map, with the same guards as MQTT; a reason when unusable. */
export function quotaMapFrom(data: unknown): RawMap | string {
  if (!isObject(data)) return 'quota data is not an object';
  if (hasForbiddenKey(data)) return 'forbidden key (__proto__/constructor/prototype)';
  const k = copyKeys(data, '');
  return allFinite(k) ? k.keys : 'non-finite number';
}
