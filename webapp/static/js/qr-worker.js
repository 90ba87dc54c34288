/* Decodes camera frames off the main thread with zxing-wasm (vendored). */
"use strict";

let ready = null;

function prepare(decoderUrl, wasmUrl) {
  if (!ready) {
    importScripts(decoderUrl);
    ready = self.ZXingWASM.prepareZXingModule({
      fireImmediately: true,
      // Without this the module would fetch its .wasm from a CDN.
      overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
    });
  }
  return ready;
}

self.onmessage = async (event) => {
  const { decoderUrl, wasmUrl, frame, id } = event.data;
  try {
    await prepare(decoderUrl, wasmUrl);
    if (!frame) {
      self.postMessage({ id, ready: true });
      return;
    }
    const results = await self.ZXingWASM.readBarcodes(frame, {
      formats: ["QRCode"],
      maxNumberOfSymbols: 1,
      tryHarder: true,
    });
    self.postMessage({ id, text: results.length ? results[0].text : null });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
