// Saves bytes the app produced as a file: a download in the browser harness; in Electron the
// download asks where to save it.

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  downloadBlob(fileName, new Blob([bytes], { type: mimeType }));
}

/** A data: URL as a Blob, without fetch (the CSP allows fetch of the app's own origin only). */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const header = url.slice(5, comma);
  const mimeType = header.split(';')[0] || 'application/octet-stream';
  const payload = url.slice(comma + 1);
  if (header.endsWith(';base64')) {
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: mimeType });
  }
  return new Blob([decodeURIComponent(payload)], { type: mimeType });
}
