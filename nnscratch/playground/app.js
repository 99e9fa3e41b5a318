// The playground page: controls, drawings, and messages to and from the worker.
//
// Python never runs on this thread: the worker (worker.js) trains, and this file
// draws what it posts. Drawings are plain <canvas> 2-D drawing. Every array drawn is
// bounded (the curves have at most session.MAX_POINTS points), and no drawing spreads
// an array into a call's arguments: training can run for hours.

const $ = (id) => document.getElementById(id);
const BLUE = [31, 111, 180], ORANGE = [224, 123, 26];
const state = { info: null, last: null, loaded: false, running: false, pausing: false, exported: null,
                exportedName: null, rules: null, invalid: new Set() };
window.playground = state; // for the end-to-end test, and the curious

const worker = new Worker("worker.js", { type: "module" });

// ----- the status line, and errors -----------------------------------------------------

function status(text) {
  $("status").textContent = text;
  $("status").classList.remove("error");
  $("error-details").hidden = true;
}

function showError(text) {
  // A Python error's last line says what went wrong; its traceback goes under "Details".
  const lines = String(text).split("\n").map((l) => l.trim()).filter(Boolean);
  const last = (lines[lines.length - 1] || String(text)).replace(/^nnscratch\.errors\./, "");
  $("status").textContent = "Error: " + last;
  $("status").classList.add("error");
  $("error-text").textContent = text;
  $("error-details").hidden = lines.length < 2;
  $("error-details").open = false;
}

// ----- the settings: each field checked as it changes -----------------------------------

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, WHOLE = /^\d+$/;
const NUMBER_FIELDS = ["points", "learning_rate", "batch_size", "l2", "seed"];

function parseNumber(name, text) {
  // The value, or an Error that says in words what the field takes. Nothing is rounded or guessed.
  const rule = state.rules[name], t = text.trim();
  const value = Number(t);
  if (!(rule.whole ? WHOLE : NUMBER).test(t) || !Number.isFinite(value) || value < rule.low || value > rule.high) {
    return new Error(`expected ${rule.says}${t ? `, not "${t.slice(0, 20)}"` : ""}`);
  }
  return value;
}

function parseHidden(text) {
  const rule = state.rules.hidden, t = text.trim();
  if (t.toLowerCase() === "none") return [];
  const parts = t.split(/[\s,]+/).filter(Boolean);
  const ok = parts.length && parts.length <= rule.layers &&
             parts.every((p) => WHOLE.test(p) && Number(p) >= 1 && Number(p) <= rule.width);
  return ok ? parts.map(Number) : new Error(`expected ${rule.says}`);
}

function checkField(name) {
  // Mark the field and say why when its value is bad; clear both when it is fixed. A field the
  // dataset does not use (disabled) is not checked: its value is not sent.
  if (!state.rules || $(name).disabled) {
    $(name).setAttribute("aria-invalid", "false");
    $(name + "-error").textContent = "";
    state.invalid.delete(name);
    enable();
    return null;
  }
  const value = name === "hidden" ? parseHidden($(name).value) : parseNumber(name, $(name).value);
  const bad = value instanceof Error;
  $(name).setAttribute("aria-invalid", String(bad));
  $(name + "-error").textContent = bad ? value.message : "";
  if (bad) state.invalid.add(name); else state.invalid.delete(name);
  enable();
  return value;
}

function settings() {
  const values = {};
  for (const name of NUMBER_FIELDS.concat(["hidden"])) values[name] = checkField(name);
  if (state.invalid.size) return null;
  return {
    dataset: $("dataset").value, noise: Number($("noise").value), points: values.points,
    hidden: values.hidden, activation: $("activation").value, output: $("output").value,
    learning_rate: values.learning_rate, optimizer: $("optimizer").value, batch_size: values.batch_size,
    l2: values.l2, seed: values.seed,
  };
}

function enable() {
  // Nothing trains on a bad value: the buttons wait until every field is right.
  const ready = state.loaded && state.invalid.size === 0;
  for (const id of ["train", "pause", "step", "reset", "export"]) $(id).disabled = !ready;
}

function setRunning(running) {
  state.running = running;
  $("train").classList.toggle("running", running);
  $("train").setAttribute("aria-pressed", String(running));
  $("train").textContent = running ? "Training\u2026" : "Train";
}

function configure() {
  const s = settings();
  if (!s) return;
  setRunning(false);
  state.pausing = false;
  worker.postMessage({ type: "configure", settings: s });
}

function datasetChanged() {
  // iris and digits bring their own rows: noise and points do nothing for them.
  const table = ["iris", "digits"].includes($("dataset").value);
  for (const id of ["noise", "points"]) {
    $(id).disabled = table;
    $(id).title = table ? "iris and digits have their own rows" : "";
  }
  checkField("points");
}

// ----- messages from the worker -----------------------------------------------------

worker.onmessage = (event) => {
  const m = event.data;
  if (m.type === "status") {
    status(m.text);
  } else if (m.type === "ready") {
    state.loaded = true;
    state.timings = m;
    state.rules = m.rules;
    status(`Ready: Python ${m.pythonVersion} in Pyodide, loaded in ${m.totalSeconds.toFixed(1)} s ` +
           `(Pyodide ${m.pyodideSeconds.toFixed(1)} s, nnscratch ${m.fetchSeconds.toFixed(2)} s, ` +
           `import ${m.importSeconds.toFixed(2)} s).`);
    datasetChanged();
    configure();
  } else if (m.type === "configured") {
    state.info = m.info;
    state.last = m.info.state;
    $("field-view").hidden = m.info.kind !== "toy";
    $("digits-view").hidden = m.info.kind !== "digits";
    if ($("status").classList.contains("error")) status("Ready.");
    drawAll();
    requestCode(currentPart);
  } else if (m.type === "state") {
    state.last = m.state;
    if (state.running && $("status").classList.contains("error")) status("Training.");
    drawAll();
  } else if (m.type === "paused") {
    state.pausing = false;
    state.last = m.state;
    status(`Paused at epoch ${m.state.epoch}.`);
    drawAll();
  } else if (m.type === "code") {
    showCode(m.code);
  } else if (m.type === "export") {
    state.exported = m.text;
    state.exportedName = m.name;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([m.text], { type: "application/json" }));
    link.download = m.name;
    link.click();
    URL.revokeObjectURL(link.href);
  } else if (m.type === "error") {
    setRunning(false);
    state.pausing = false;
    showError(m.text);
  }
};
worker.onerror = (event) => showError("The worker failed: " + (event.message || "unknown error"));

// ----- controls ------------------------------------------------------------------------

$("train").onclick = () => {
  if (state.running) return;
  setRunning(true);
  status("Training.");
  worker.postMessage({ type: "train" });
};
$("pause").onclick = () => {
  if (!state.running) return;
  setRunning(false);
  state.pausing = true;
  status("Pausing\u2026 the epoch in progress finishes first.");
  worker.postMessage({ type: "pause" });
};
$("step").onclick = () => { setRunning(false); worker.postMessage({ type: "step" }); };
$("reset").onclick = configure;
$("export").onclick = () => worker.postMessage({ type: "export" });
$("noise").oninput = () => { $("noise-value").textContent = $("noise").value; };
$("dataset").addEventListener("change", datasetChanged);
for (const id of NUMBER_FIELDS.concat(["hidden"])) {
  $(id).addEventListener("input", () => { if (state.rules) checkField(id); });
}
for (const id of ["dataset", "noise", "points", "hidden", "activation", "output", "optimizer", "seed",
                  "learning_rate", "batch_size", "l2"]) {
  $(id).addEventListener("change", () => { if (state.loaded) configure(); });
}

// ----- "Show the code": tabs ---------------------------------------------------------------

let currentPart = "backpropagate";
const tabs = Array.from(document.querySelectorAll("[role=tab]"));

function requestCode(part) {
  currentPart = part;
  for (const tab of tabs) {
    const selected = tab.dataset.part === part;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected) $("code-panel").setAttribute("aria-labelledby", tab.id);
  }
  worker.postMessage({ type: "code", part });
}
tabs.forEach((tab, k) => {
  tab.onclick = () => requestCode(tab.dataset.part);
  tab.onkeydown = (event) => {  // arrows, Home and End move between tabs, as a tab list does
    const moves = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
    next.focus();
    requestCode(next.dataset.part);
  };
});

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

function last(values) { return values.length ? values[values.length - 1] : null; }

function drawAll() {
  const s = state.last;
  if (!s) return;
  const acc = last(s.accuracy), val = last(s.val_accuracy);
  const rate = s.epoch / Math.max(s.seconds, 1e-9);
  $("progress").textContent = `epoch ${s.epoch}` + (acc === null ? "" :
    `, loss ${last(s.loss).toFixed(4)}, accuracy ${acc.toFixed(3)}, validation ${val.toFixed(3)}` +
    `, ${rate < 10 ? rate.toFixed(2) : rate.toFixed(0)} epochs/s`) + `, seed ${state.info.settings.seed}`;
  drawCurves(s);
  if (s.field) drawField(s.field, state.info.points);
  if (s.digits) drawDigits(s.digits);
  drawDiagram(state.info.sizes, s.weights);
}

function ticks(low, high, count) {
  // Round values covering [low, high]: at most count + 2 of them, whatever the range.
  if (!(high - low > 1e-12 * Math.max(1, Math.abs(low), Math.abs(high)))) high = low + 1;
  const raw = (high - low) / count, base = 10 ** Math.floor(Math.log10(raw));
  const step = base * [1, 2, 2.5, 5, 10].find((f) => raw <= f * base);
  const first = Math.floor(low / step) * step, out = [];
  for (let k = 0; k <= count + 1; k++) {
    out.push(Number((first + k * step).toPrecision(12)));
    if (out[out.length - 1] >= high - step * 1e-9) break;
  }
  return out;
}

function finiteMax(lists) {
  // The largest finite value of several lists, by a loop: never a spread into Math.max.
  let top = -Infinity;
  for (const list of lists) for (const v of list) if (Number.isFinite(v) && v > top) top = v;
  return top;
}

function drawCurves(s) {
  // Loss on the left axis (blue), accuracy on the right (orange, 0 to 1); solid training, dashed
  // validation; epochs along the bottom.
  const c = $("curves"), g = c.getContext("2d");
  const left = 48, right = 40, top = 46, bottom = 36, w = c.width - left - right, h = c.height - top - bottom;
  g.clearRect(0, 0, c.width, c.height);
  g.font = "11px sans-serif";
  g.lineWidth = 1;
  g.strokeStyle = "#999";
  g.strokeRect(left, top, w, h);
  legend(g, left);
  const epochs = s.epochs || [];
  if (!epochs.length) {
    g.fillStyle = "#555";
    g.fillText("no epoch trained yet: Train, or One step", left + 10, top + h / 2);
    return;
  }
  const lossTicks = ticks(0, Math.max(finiteMax([s.loss, s.val_loss]), 1e-9), 4);
  const lossTop = lossTicks[lossTicks.length - 1];
  const first = epochs[0], end = epochs[epochs.length - 1];
  const epochTicks = epochs.length > 1 ? ticks(first, end, 5).filter((t) => t >= first && t <= end) : [first];
  const x = (e) => left + (end > first ? ((e - first) / (end - first)) * w : w / 2);
  const yLoss = (v) => top + h - (v / lossTop) * h, yAcc = (v) => top + h - v * h;
  g.fillStyle = "#555";
  g.textAlign = "right";
  for (const t of lossTicks) axisTick(g, left - 4, yLoss(t), t, left, left + w);
  g.textAlign = "left";
  for (const t of [0, 0.25, 0.5, 0.75, 1]) axisTick(g, left + w + 4, yAcc(t), t, null, null);
  g.textAlign = "center";
  for (const t of epochTicks) g.fillText(String(t), x(t), top + h + 14);
  g.fillText("epoch", left + w / 2, c.height - 4);
  g.textAlign = "left";
  const series = [[s.loss, yLoss, BLUE, []], [s.val_loss, yLoss, BLUE, [5, 3]],
                  [s.accuracy, yAcc, ORANGE, []], [s.val_accuracy, yAcc, ORANGE, [5, 3]]];
  for (const [values, y, color, dash] of series) plot(g, epochs, values, x, y, color, dash);
  g.setLineDash([]);
}

function axisTick(g, tx, ty, value, gridFrom, gridTo) {
  g.fillText(String(Number(value.toPrecision(4))), tx, ty + 4);
  if (gridFrom !== null) {
    g.strokeStyle = "#e6e6e6";
    g.beginPath(); g.moveTo(gridFrom, ty); g.lineTo(gridTo, ty); g.stroke();
  }
}

function plot(g, epochs, values, x, y, color, dash) {
  // One curve; a single point is drawn as a dot; a value that is not finite breaks the line.
  g.strokeStyle = g.fillStyle = `rgb(${color})`;
  g.lineWidth = 2;
  g.setLineDash(dash);
  g.beginPath();
  let drawing = false, points = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) { drawing = false; continue; }
    const px = x(epochs[i]), py = y(values[i]);
    if (drawing) g.lineTo(px, py); else g.moveTo(px, py);
    drawing = true;
    points++;
  }
  g.stroke();
  if (points === 1 && Number.isFinite(values[0])) {
    g.beginPath(); g.arc(x(epochs[0]), y(values[0]), 3, 0, 2 * Math.PI); g.fill();
  }
}

function legend(g, left) {
  // Two rows: what the colours are, and what the line styles are.
  const rows = [[[BLUE, [], "loss (left axis)"], [ORANGE, [], "accuracy (right axis)"]],
                [["80,80,80", [], "training points"], ["80,80,80", [5, 3], "validation points"]]];
  rows.forEach((row, r) => row.forEach(([color, dash, label], k) => {
    const lx = left + k * 180, ly = 14 + r * 16;
    g.strokeStyle = `rgb(${color})`; g.lineWidth = 2; g.setLineDash(dash);
    g.beginPath(); g.moveTo(lx, ly - 4); g.lineTo(lx + 22, ly - 4); g.stroke();
    g.setLineDash([]);
    g.fillStyle = "#333"; g.fillText(label, lx + 27, ly);
  }));
}

function drawField(field, points) {
  const c = $("field"), g = c.getContext("2d");
  const size = Math.round(Math.sqrt(field.length));
  const image = g.createImageData(size, size);
  field.forEach((p, k) => {
    const mix = (a) => Math.round(255 + (a - 255) * Math.abs(p - 0.5) * 2 * 0.55);
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
  // Six images a row, each 48 px, its answer written under it in the room left for it.
  const c = $("digits"), g = c.getContext("2d");
  g.clearRect(0, 0, c.width, c.height);
  g.font = "11px sans-serif";
  g.textAlign = "center";
  digits.forEach((d, k) => {
    const x0 = 6 + (k % 6) * 72, y0 = 4 + Math.floor(k / 6) * 84, cell = 6;
    d.pixels.forEach((v, i) => {
      const shade = Math.round(255 - 255 * v);
      g.fillStyle = `rgb(${shade},${shade},${shade})`;
      g.fillRect(x0 + (i % 8) * cell, y0 + Math.floor(i / 8) * cell, cell, cell);
    });
    const right = d.predicted === d.true;
    g.fillStyle = right ? "#1a7f37" : "#c0392b";
    g.fillText(right ? `${d.predicted}` : `${d.predicted}, is ${d.true}`, x0 + 24, y0 + 62);
  });
  g.textAlign = "left";
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
    showError("Could not read the server's config.json: " + error.message);
  }
})();
