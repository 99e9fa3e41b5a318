// The playground page: controls, drawings, and messages to and from the worker.
//
// Python never runs on this thread: the worker (worker.js) trains, and this file
// draws what it posts. Drawings are plain <canvas> 2-D drawing.

const $ = (id) => document.getElementById(id);
const BLUE = [31, 111, 180], ORANGE = [224, 123, 26];
const state = { info: null, last: null, loaded: false, running: false, exported: null };
window.playground = state; // for the end-to-end test, and the curious

const worker = new Worker("worker.js", { type: "module" });

function status(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

function settings() {
  const hidden = $("hidden").value.split(/[ ,]+/).filter(Boolean).map(Number).filter((n) => n > 0);
  return {
    dataset: $("dataset").value, noise: Number($("noise").value), points: Number($("points").value),
    hidden, activation: $("activation").value, output: $("output").value,
    learning_rate: Number($("learning_rate").value), optimizer: $("optimizer").value,
    batch_size: Number($("batch_size").value), l2: Number($("l2").value), seed: Number($("seed").value),
  };
}

function enable(ready) {
  for (const id of ["train", "pause", "step", "reset", "export"]) $(id).disabled = !ready;
}

function configure() {
  state.running = false;
  $("train").classList.remove("running");
  worker.postMessage({ type: "configure", settings: settings() });
}

// ----- messages from the worker -----------------------------------------------------

worker.onmessage = (event) => {
  const m = event.data;
  if (m.type === "status") {
    status(m.text);
  } else if (m.type === "ready") {
    state.loaded = true;
    state.timings = m;
    status(`Ready: Python ${m.pythonVersion} in Pyodide, loaded in ${m.totalSeconds.toFixed(1)} s ` +
           `(Pyodide ${m.pyodideSeconds.toFixed(1)} s, nnscratch ${m.fetchSeconds.toFixed(2)} s, ` +
           `import ${m.importSeconds.toFixed(2)} s).`);
    enable(true);
    configure();
  } else if (m.type === "configured") {
    state.info = m.info;
    state.last = m.info.state;
    $("field-view").hidden = m.info.kind !== "toy";
    $("digits-view").hidden = m.info.kind !== "digits";
    drawAll();
    requestCode(currentPart);
  } else if (m.type === "state") {
    state.last = m.state;
    drawAll();
  } else if (m.type === "code") {
    showCode(m.code);
  } else if (m.type === "export") {
    state.exported = m.text;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([m.text], { type: "application/json" }));
    link.download = "model.json";
    link.click();
    URL.revokeObjectURL(link.href);
  } else if (m.type === "error") {
    state.running = false;
    $("train").classList.remove("running");
    status("Error: " + m.text, true);
  }
};
worker.onerror = (event) => status("The worker failed: " + (event.message || "unknown error"), true);

// ----- controls ------------------------------------------------------------------------

$("train").onclick = () => {
  state.running = true;
  $("train").classList.add("running");
  worker.postMessage({ type: "train" });
};
$("pause").onclick = () => {
  state.running = false;
  $("train").classList.remove("running");
  worker.postMessage({ type: "pause" });
};
$("step").onclick = () => { $("train").classList.remove("running"); worker.postMessage({ type: "step" }); };
$("reset").onclick = configure;
$("export").onclick = () => worker.postMessage({ type: "export" });
$("noise").oninput = () => { $("noise-value").textContent = $("noise").value; };
for (const id of ["dataset", "noise", "points", "hidden", "activation", "output", "optimizer", "seed",
                  "learning_rate", "batch_size", "l2"]) {
  $(id).addEventListener("change", () => { if (state.loaded) configure(); });
}

let currentPart = "backpropagate";
function requestCode(part) {
  currentPart = part;
  for (const b of document.querySelectorAll("[data-part]")) {
    b.setAttribute("aria-selected", b.dataset.part === part);
  }
  worker.postMessage({ type: "code", part });
}
for (const b of document.querySelectorAll("[data-part]")) b.onclick = () => requestCode(b.dataset.part);

function showCode(code) {
  // Two columns: the articles' code from the reading path, and the engine's code this page runs.
  $("code-summary").textContent = code.summary;
  const box = $("source");
  box.replaceChildren();
  for (const key of ["reading", "engine"]) {
    const column = code[key];
    const div = document.createElement("div");
    div.className = "path " + key;
    const heading = document.createElement("h3");
    heading.textContent = column.heading;
    const note = document.createElement("p");
    note.className = "note";
    note.textContent = column.note;
    div.append(heading, note);
    for (const piece of column.pieces) {
      const title = document.createElement("h4");
      title.textContent = piece.name;
      const where = document.createElement("p");
      where.className = "where";
      where.textContent = `${piece.where}. ${piece.note}`;
      const pre = document.createElement("pre");
      pre.textContent = piece.source;
      div.append(title, where, pre);
    }
    box.append(div);
  }
}

// ----- drawing ---------------------------------------------------------------------------

function drawAll() {
  const s = state.last;
  if (!s) return;
  const acc = s.accuracy.length ? s.accuracy[s.accuracy.length - 1] : null;
  const val = s.val_accuracy.length ? s.val_accuracy[s.val_accuracy.length - 1] : null;
  $("progress").textContent = `epoch ${s.epoch}` + (acc === null ? "" :
    `, loss ${s.loss[s.loss.length - 1].toFixed(4)}, accuracy ${acc.toFixed(3)}` +
    `, validation ${val.toFixed(3)}` +
    `, ${(s.epoch / Math.max(s.seconds, 1e-9)).toFixed(0)} epochs/s`) + `, seed ${state.info.settings.seed}`;
  drawCurves(s);
  if (s.field) drawField(s.field, state.info.points);
  if (s.digits) drawDigits(s.digits);
  drawDiagram(state.info.sizes, s.weights);
}

function drawCurves(s) {
  // Loss scaled to its largest value, accuracy to 1; solid lines train, dashed validation.
  const c = $("curves"), g = c.getContext("2d");
  const left = 34, right = 10, top = 40, bottom = 22, w = c.width - left - right, h = c.height - top - bottom;
  g.clearRect(0, 0, c.width, c.height);
  g.font = "11px sans-serif";
  g.lineWidth = 1; g.strokeStyle = "#999"; g.strokeRect(left, top, w, h);
  const n = s.loss.length;
  const maxLoss = Math.max(1e-9, ...s.loss, ...s.val_loss);
  const series = [
    [s.loss, maxLoss, BLUE, [], "train loss"], [s.val_loss, maxLoss, BLUE, [5, 3], "validation loss"],
    [s.accuracy, 1, ORANGE, [], "train accuracy"], [s.val_accuracy, 1, ORANGE, [5, 3], "validation accuracy"],
  ];
  series.forEach(([values, scale, color, dash, label], k) => {
    g.strokeStyle = `rgb(${color})`; g.lineWidth = 2; g.setLineDash(dash);
    g.beginPath();
    values.forEach((v, i) => {
      const px = left + (n > 1 ? (i / (n - 1)) * w : w / 2), py = top + h - (v / scale) * h;
      if (i) g.lineTo(px, py); else g.moveTo(px, py);
    });
    g.stroke();
    const lx = left + (k % 2) * 190, ly = 12 + Math.floor(k / 2) * 14;  // the legend: two rows
    g.beginPath(); g.moveTo(lx, ly - 4); g.lineTo(lx + 20, ly - 4); g.stroke();
    g.fillStyle = "#333"; g.fillText(label, lx + 25, ly);
  });
  g.setLineDash([]);
  g.fillStyle = "#555";
  g.fillText("1", left - 10, top + 4);
  g.fillText("0", left - 10, top + h);
  g.fillText(`epochs: ${n}  (loss scaled to its top, ${maxLoss.toPrecision(3)})`, left, c.height - 6);
}

function drawField(field, points) {
  const c = $("field"), g = c.getContext("2d");
  const size = Math.round(Math.sqrt(field.length));
  const image = g.createImageData(size, size);
  field.forEach((p, k) => {
    const mix = (a, b) => Math.round(255 + (a - 255) * Math.abs(p - 0.5) * 2 * 0.55);
    const color = p >= 0.5 ? ORANGE : BLUE;
    image.data.set([mix(color[0]), mix(color[1]), mix(color[2]), 255], 4 * k);
  });
  const small = document.createElement("canvas");
  small.width = small.height = size;
  small.getContext("2d").putImageData(image, 0, 0);
  g.imageSmoothingEnabled = true;
  g.drawImage(small, 0, 0, c.width, c.height);
  const scale = c.width / 3.0; // the field covers [-1.5, 1.5] both ways
  for (const [px, py, cls, isValidation] of points) {
    g.beginPath();
    g.arc(c.width / 2 + px * scale, c.height / 2 - py * scale, 3.2, 0, 2 * Math.PI);
    g.fillStyle = `rgb(${cls ? ORANGE : BLUE})`;
    g.fill();
    g.lineWidth = isValidation ? 1.5 : 0.7;
    g.strokeStyle = isValidation ? "#000" : "#fff";
    g.stroke();
  }
}

function drawDigits(digits) {
  const c = $("digits"), g = c.getContext("2d");
  g.clearRect(0, 0, c.width, c.height);
  g.font = "12px sans-serif";
  digits.forEach((d, k) => {
    const x0 = 6 + (k % 6) * 72, y0 = 4 + Math.floor(k / 6) * 74, cell = 6;
    d.pixels.forEach((v, i) => {
      const shade = Math.round(255 - 255 * v);
      g.fillStyle = `rgb(${shade},${shade},${shade})`;
      g.fillRect(x0 + (i % 8) * cell, y0 + Math.floor(i / 8) * cell, cell, cell);
    });
    g.fillStyle = d.predicted === d.true ? "#1a7f37" : "#c0392b";
    g.fillText(`${d.predicted}${d.predicted === d.true ? "" : " (" + d.true + ")"}`, x0 + 52, y0 + 28);
  });
}

function drawDiagram(sizes, weights) {
  const c = $("diagram"), g = c.getContext("2d");
  g.clearRect(0, 0, c.width, c.height);
  const shown = sizes.map((n) => Math.min(n, 12));
  const x = (l) => 30 + (l * (c.width - 60)) / (sizes.length - 1);
  const y = (l, k) => 20 + ((k + 0.5) * (c.height - 40)) / shown[l];
  let largest = 1e-9;
  weights.forEach((layer) => layer.forEach((row) => row.forEach((w) => {
    largest = Math.max(largest, Math.abs(w));
  })));
  weights.forEach((layer, l) => {
    for (let j = 0; j < shown[l + 1]; j++) {
      for (let i = 0; i < shown[l]; i++) {
        const w = layer[j][i];
        g.strokeStyle = `rgba(${w >= 0 ? BLUE : ORANGE},0.8)`;
        g.lineWidth = 0.3 + 3.5 * Math.abs(w) / largest;
        g.beginPath(); g.moveTo(x(l), y(l, i)); g.lineTo(x(l + 1), y(l + 1, j)); g.stroke();
      }
    }
  });
  g.font = "11px sans-serif";
  sizes.forEach((n, l) => {
    for (let k = 0; k < shown[l]; k++) {
      g.beginPath(); g.arc(x(l), y(l, k), 6, 0, 2 * Math.PI);
      g.fillStyle = l === 0 ? "#eee" : l === sizes.length - 1 ? "#f4b183" : "#9cc3e6";
      g.fill(); g.strokeStyle = "#333"; g.lineWidth = 1; g.stroke();
    }
    g.fillStyle = "#333";
    const label = l === 0 ? `${n} in` : `${n}${n > shown[l] ? " (12 shown)" : ""}`;
    g.fillText(label, x(l) - 14, c.height - 4);
  });
}

// ----- start -------------------------------------------------------------------------------

(async () => {
  try {
    const config = await (await fetch("config.json")).json();
    state.config = config;
    const where = config.local_pyodide ? " from this server" : " from " + config.pyodide;
    status(`Loading Pyodide ${config.pyodide_version}${where} ...`);
    worker.postMessage({ type: "init", config });
  } catch (error) {
    status("Could not read the server's config.json: " + error.message, true);
  }
})();
