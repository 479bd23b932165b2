// The JSON the browser harness's bridge carries (renderer/src/bridge.ts to main/api/http-bridge.ts):
// a channel's input as JSON, except that a field holding bytes (a photo's, which IPC carries as
// they are) travels as { $bytes: base64 } and becomes bytes again on the other side. Pure: the
// renderer bundles it.

/** Base64 of bytes, 32 kB at a time (String.fromCharCode takes only so many arguments). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A channel's input as the bridge's JSON. */
export function bridgeJson(input: unknown): string {
  if (!input || typeof input !== 'object') return JSON.stringify(input ?? {});
  const fields = Object.entries(input).map(([k, v]) => [
    k,
    v instanceof Uint8Array ? { $bytes: base64Of(v) } : v,
  ]);
  return JSON.stringify(Object.fromEntries(fields));
}
