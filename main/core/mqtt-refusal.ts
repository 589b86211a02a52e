// What an MQTT broker's CONNACK says about a refused login, shared by the
// EcoFlow session, the doctor's MQTT check and the local republish sink.

/** CONNACK codes meaning "bad credentials / not authorized" (v3.1.1 4/5, v5 134/135). */
const AUTH_REFUSALS = new Set([4, 5, 134, 135]);

/** True when an mqtt.js error's code is a login refusal. */
export function isAuthRefusal(code: unknown): boolean {
  return typeof code === 'number' && AUTH_REFUSALS.has(code);
}
