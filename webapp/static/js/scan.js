/* The scan page: camera preview, QR decoding, torch. Whenever no camera stream runs,
   the other ways (type the code, take a photo, try again) lead, with the reason. */
"use strict";

(function () {
  const root = document.querySelector("[data-scanner]");
  if (!root) return;
  const video = root.querySelector("video");
  const status = root.querySelector("[data-status]");
  const messages = root.querySelector("[data-messages]").content;
  const choices = root.querySelector("[data-choices]");
  const again = root.querySelector("[data-camera-again]");
  const help = again.querySelector("[data-help]");
  const torchButton = root.querySelector("[data-torch]");
  const startButton = root.querySelector("[data-start]");
  const photoForm = root.querySelector("[data-photo-form]");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const MAX_WIDTH = 800;
  // A tap that fails at once would look as if nothing happened: "starting" stays up this long.
  const MIN_STARTING_MS = 700;
  const NO_RETRY = ["insecure", "unsupported"]; // trying again cannot help
  let stream = null;
  let detector = null;
  let decoding = false;
  let done = false;
  let attempt = 0; // a newer start, or the choice to type instead, makes an older start stale

  function piece(kind, name) {
    const found = messages.querySelector(`[data-${kind}="${name}"]`);
    return found ? found.cloneNode(true) : null;
  }

  function say(name) {
    status.replaceChildren(piece("message", name));
  }

  function off(reason) {
    stop();
    root.dataset.camera = "off";
    say(reason);
    const advice = piece("help", reason);
    help.replaceChildren(...(advice ? [advice] : []));
    help.hidden = !advice;
    startButton.hidden = NO_RETRY.includes(reason);
    const label = ["stopped", "queued"].includes(reason) ? "first" : "again";
    startButton.replaceChildren(piece("start-text", label));
    again.hidden = false;
  }

  function reasonFor(error) {
    switch (error && error.name) {
      case "NotAllowedError":
      case "SecurityError":
        return "denied";
      case "NotFoundError":
      case "OverconstrainedError":
        return "no-camera";
      case "NotReadableError":
      case "TrackStartError":
        return "in-use";
      default:
        return "failed";
    }
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
      off("queued"); // the next stamp: the camera starts again on a tap
      if (window.ocopOfflineAnswer) window.ocopOfflineAnswer(text);
      return;
    }
    say("found");
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
    stream = null;
    video.srcObject = null;
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

  async function loop(decode, mine) {
    if (done || mine !== attempt) return;
    if (!decoding && video.readyState >= 2 && video.videoWidth) {
      decoding = true;
      try {
        const text = await decode(video);
        if (text && mine === attempt) found(text);
      } finally {
        decoding = false;
      }
    }
    requestAnimationFrame(() => loop(decode, mine));
  }

  async function blocked() {
    // Known before asking: no "starting" flash on a page that cannot have the camera.
    if (!window.isSecureContext) return "insecure";
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return "unsupported";
    try {
      const permission = await navigator.permissions.query({ name: "camera" });
      return permission.state === "denied" ? "denied" : null;
    } catch (error) {
      return null; // browsers that cannot tell say so when asked for the camera
    }
  }

  async function start(tapped) {
    const mine = ++attempt;
    done = false;
    const began = performance.now();
    const fail = async (reason) => {
      const left = tapped ? MIN_STARTING_MS - (performance.now() - began) : 0;
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      if (mine === attempt) off(reason);
    };
    if (tapped) {
      root.dataset.camera = "starting";
      say("starting");
    }
    const reason = await blocked();
    if (reason) return fail(reason);
    root.dataset.camera = "starting";
    say("starting");
    let opened;
    try {
      opened = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 } },
        audio: false,
      });
    } catch (error) {
      return fail(reasonFor(error));
    }
    if (mine !== attempt) {
      opened.getTracks().forEach((track) => track.stop()); // the shopper chose to type meanwhile
      return;
    }
    stream = opened;
    video.srcObject = stream;
    await video.play().catch(() => {});
    root.dataset.camera = "live";
    say("live");
    offerTorch(stream.getVideoTracks()[0]);
    detector ||= (await nativeDetector()) || workerDetector(); // one decoder for the page
    loop(detector, mine);
  }

  startButton.addEventListener("click", () => start(true));
  root.querySelector("[data-stop]").addEventListener("click", () => {
    attempt++;
    off("stopped");
    choices.focus();
  });
  // With a script, choosing the photo sends it: one step fewer on a phone.
  photoForm.classList.add("photo-form-auto");
  photoForm.photo.addEventListener("change", () => {
    if (!photoForm.photo.files.length) return;
    attempt++;
    off("photo");
    photoForm.requestSubmit();
  });
  window.addEventListener("pagehide", () => {
    attempt++;
    stop();
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && root.dataset.camera !== "off") start(false); // back from a story
  });
  if ("autostart" in root.dataset) start(false);
  else off("stopped");
})();
