/* The scan page: camera preview, QR decoding, torch, and clear guidance when the camera fails. */
"use strict";

(function () {
  const root = document.querySelector("[data-scanner]");
  if (!root) return;
  const video = root.querySelector("video");
  const status = root.querySelector("[data-status]");
  const torchButton = root.querySelector("[data-torch]");
  const startButton = root.querySelector("[data-start]");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const MAX_WIDTH = 800;
  let stream = null;
  let detector = null;
  let decoding = false;
  let done = false;

  function showProblem(name) {
    root.querySelectorAll("[data-problem]").forEach((el) => {
      el.hidden = el.dataset.problem !== name;
    });
    root.classList.toggle("has-problem", Boolean(name));
  }

  function ourPath(text) {
    try {
      const url = new URL(text);
      if (url.host === location.host && url.pathname.includes("/01/")) return url.pathname + url.search;
    } catch (error) {
      return null;
    }
    return null;
  }

  function found(text) {
    if (done) return;
    done = true;
    if (navigator.vibrate) navigator.vibrate(80);
    stop();
    if (!navigator.onLine && window.ocopQueueScan && ourPath(text)) {
      // No connection: keep the code; it is checked as soon as the phone is back online.
      // Meanwhile the producer's signature says who issued it.
      window.ocopQueueScan(ourPath(text));
      status.textContent = root.dataset.queuedText;
      if (window.ocopOfflineAnswer) window.ocopOfflineAnswer(text);
      startButton.hidden = false; // the next stamp: the camera starts again on a tap
      return;
    }
    status.textContent = root.dataset.foundText;
    // Our own links open directly; anything else is explained (or warned about) by the server.
    // Inspectors always go through the server, which opens the code's dossier.
    const path = "inspect" in root.dataset ? null : ourPath(text);
    location.assign(path || root.dataset.check + "?code=" + encodeURIComponent(text));
  }

  async function nativeDetector() {
    if (!("BarcodeDetector" in window)) return null;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes("qr_code")) return null;
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return async (source) => {
        const codes = await detector.detect(source);
        return codes.length ? codes[0].rawValue : null;
      };
    } catch (error) {
      return null;
    }
  }

  function workerDetector() {
    const worker = new Worker(root.dataset.worker);
    const pending = new Map();
    let next = 0;
    worker.onmessage = (event) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (resolve) resolve(event.data.text || null);
    };
    const ask = (frame) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        const message = { id, frame, decoderUrl: root.dataset.decoder, wasmUrl: root.dataset.wasm };
        worker.postMessage(message, frame ? [frame.data.buffer] : []);
      });
    ask(null); // load the decoder while the camera starts
    return () => {
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      return ask(context.getImageData(0, 0, canvas.width, canvas.height));
    };
  }

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
  }

  // The camera restarts for the next stamp: the torch follows the current track.
  let torchTrack = null;
  torchButton.addEventListener("click", async () => {
    const on = torchButton.getAttribute("aria-pressed") !== "true";
    try {
      await torchTrack.applyConstraints({ advanced: [{ torch: on }] });
      torchButton.setAttribute("aria-pressed", String(on));
    } catch (error) {
      torchButton.hidden = true;
    }
  });

  function offerTorch(track) {
    const capabilities = track.getCapabilities ? track.getCapabilities() : {};
    torchTrack = track;
    torchButton.setAttribute("aria-pressed", "false");
    torchButton.hidden = !capabilities.torch;
  }

  async function loop(decode) {
    if (done) return;
    if (!decoding && video.readyState >= 2 && video.videoWidth) {
      decoding = true;
      try {
        const text = await decode(video);
        if (text) found(text);
      } finally {
        decoding = false;
      }
    }
    requestAnimationFrame(() => loop(decode));
  }

  async function start() {
    done = false;
    showProblem(null);
    startButton.hidden = true;
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      showProblem("insecure");
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 } },
        audio: false,
      });
    } catch (error) {
      const name = error && error.name;
      if (name === "NotAllowedError" || name === "SecurityError") showProblem("denied");
      else if (name === "NotFoundError" || name === "OverconstrainedError") showProblem("no-camera");
      else showProblem("failed");
      startButton.hidden = false;
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => {});
    offerTorch(stream.getVideoTracks()[0]);
    detector ||= (await nativeDetector()) || workerDetector(); // one decoder for the page
    loop(detector);
  }

  startButton.addEventListener("click", start);
  window.addEventListener("pagehide", stop);
  start();
})();
