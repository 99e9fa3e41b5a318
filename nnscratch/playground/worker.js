// The playground's Web Worker: Pyodide, nnscratch, and the training loop.
//
// Python runs here, not on the page's thread, so the page keeps painting while a
// network trains. The worker answers the page's messages, and while training it
// runs nnscratch for about 150 ms at a time and posts the state after each slice.
//
// Messages in:  {type: "init", config} | {type: "configure", settings} | {type: "train"}
//               | {type: "pause"} | {type: "step"} | {type: "code", part} | {type: "export"}
// Messages out: {type: "status", text} | {type: "ready", rules, ...timings} | {type: "configured", info}
//               | {type: "state", state} | {type: "paused", state} | {type: "code", code}
//               | {type: "export", text, name} | {type: "error", text}
//
// "rules" are what each setting takes (session.field_rules), for the page's fields to check as
// they change; the session checks the settings again with the same rules.

const SLICE_SECONDS = 0.15; // how long Python trains before the page gets news

let pyodide = null;
let session = null;
let running = false;
let pausing = false; // a "pause" stopped the loop: say so once the slice in progress has ended

const post = (message) => self.postMessage(message);
const plain = (proxy) => {
  // A Python result as plain JavaScript data (dicts become objects), then free the proxy.
  const value = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  proxy.destroy();
  return value;
};

async function init(config) {
  const started = performance.now();
  post({ type: "status", text: `loading Pyodide ${config.pyodide_version} from ${config.pyodide} ...` });
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(config.pyodide + "pyodide.mjs"));
  } catch (error) {
    throw new Error(`could not load Pyodide from ${config.pyodide} (${error.message}). Offline? Run ` +
      `"npm install pyodide@${config.pyodide_version}", then ` +
      `"python -m nnscratch.playground --pyodide node_modules/pyodide".`);
  }
  pyodide = await loadPyodide({ indexURL: config.pyodide });
  const pyodideSeconds = (performance.now() - started) / 1000;

  post({ type: "status", text: `Pyodide ready in ${pyodideSeconds.toFixed(1)} s; fetching nnscratch (${config.files.length} files) ...` });
  const fetched = performance.now();
  const root = "/home/pyodide";
  await Promise.all(config.files.map(async (path) => {
    const response = await fetch("/nnscratch/" + path);
    if (!response.ok) throw new Error(`could not fetch nnscratch/${path}: ${response.status}`);
    // bytes, not text: the built-in datasets are gzip files
    const data = new Uint8Array(await response.arrayBuffer());
    const file = `${root}/nnscratch/${path}`;
    pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf("/")));
    pyodide.FS.writeFile(file, data);
  }));
  const fetchSeconds = (performance.now() - fetched) / 1000;

  const imported = performance.now();
  pyodide.runPython(`
import sys
sys.path.insert(0, "${root}")
from nnscratch.playground.session import Session, field_rules
session = Session()
python_version = sys.version.split()[0]
`);
  session = pyodide.globals.get("session");
  post({
    type: "ready", rules: plain(pyodide.runPython("field_rules()")),
    pyodideSeconds, fetchSeconds, importSeconds: (performance.now() - imported) / 1000,
    totalSeconds: (performance.now() - started) / 1000,
    pythonVersion: pyodide.globals.get("python_version"),
  });
}

async function trainLoop() {
  while (running) {
    post({ type: "state", state: plain(session.train_for(SLICE_SECONDS)) });
    await new Promise((resolve) => setTimeout(resolve, 0)); // let "pause" messages in
  }
  if (pausing) {
    pausing = false;
    post({ type: "paused", state: plain(session.state()) });
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "init") {
      await init(message.config);
    } else if (message.type === "configure") {
      running = pausing = false;
      // As JSON: numbers, lists and null arrive as Python's, not as proxies of JavaScript values.
      post({ type: "configured", info: plain(session.configure_json(JSON.stringify(message.settings))) });
    } else if (message.type === "train") {
      if (!running) {
        running = true;
        trainLoop().catch((error) => { running = false; post({ type: "error", text: String(error) }); });
      }
    } else if (message.type === "pause") {
      pausing = running;
      running = false;
    } else if (message.type === "step") {
      running = pausing = false;
      post({ type: "state", state: plain(session.step()) });
    } else if (message.type === "code") {
      post({ type: "code", code: plain(session.code(message.part)) });
    } else if (message.type === "export") {
      post({ type: "export", text: session.export(), name: session.export_name() });
    }
  } catch (error) {
    running = false;
    post({ type: "error", text: error.message || String(error) });
  }
};
