// End-to-end test of the playground in headless Chromium, driven by playwright-core.
//
//   node playground_e2e.mjs URL OUT_DIR
//
// Run by tests/test_playground.py (which starts the server and installs the npm
// packages). It trains XOR until the training accuracy is 1.0, checks the
// drawings and the code panel (in a wide window and a 400 px one), exports the
// model, trains spirals for a while, saves a screenshot, trains one epoch on
// each built-in table (iris, digits); then the page's hard cases: bad values
// typed into the fields, a Python error and its clearing, a 360 px phone, the
// keyboard on the code tabs, and a run of more than 100,000 epochs. It prints
// one JSON object of findings on stdout.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, outDir] = process.argv.slice(2);
const origin = new URL(url).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const findings = { outside: [], errors: [], missing: [] };
try {
  const wide = { width: 1280, height: 1000 };
  const context = await browser.newContext({ acceptDownloads: true, viewport: wide });
  const page = await context.newPage();
  context.on("request", (request) => {
    const where = request.url();
    if (!where.startsWith(origin) && !where.startsWith("blob:") && !where.startsWith("data:")) {
      findings.outside.push(request.url());
    }
  });
  page.on("pageerror", (error) => findings.errors.push(String(error)));
  page.on("response", (response) => { if (response.status() >= 400) findings.missing.push(response.url()); });

  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.playground && window.playground.loaded && window.playground.info,
                             null, { timeout: 180000 });
  findings.pageLoadSeconds = (Date.now() - started) / 1000;
  findings.timings = await page.evaluate(() => window.playground.timings);

  // XOR: the default dataset. Train until every training point is right.
  await page.click("#train");
  await page.waitForFunction(() => {
    const s = window.playground.last;
    return s && s.accuracy.length && s.accuracy[s.accuracy.length - 1] === 1;
  }, null, { timeout: 120000, polling: 200 });
  await page.click("#pause");
  await page.waitForTimeout(500); // the slice in progress finishes and posts its state
  findings.xor = await page.evaluate(() => {
    const s = window.playground.last;
    return { epoch: s.epoch, seconds: s.seconds, accuracy: s.accuracy[s.accuracy.length - 1],
             field: s.field, status: document.getElementById("status").textContent };
  });

  // The drawings: count the pixels that are not blank.
  findings.painted = await page.evaluate(() => {
    const count = (id) => {
      const c = document.getElementById(id);
      const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) n++;
      }
      return n / (c.width * c.height);
    };
    return { curves: count("curves"), field: count("field"), diagram: count("diagram") };
  });

  // Show the code of the backpropagation step: the reading path's code beside the engine's.
  await page.click("[data-part=backpropagate]");
  await page.waitForFunction(() => document.querySelectorAll("#source .path pre").length >= 2, null,
                             { timeout: 30000 });
  const texts = (selector) => page.evaluate(
    (selector) => Array.from(document.querySelectorAll(selector), (e) => e.textContent), selector);
  // Where the two columns are, and any element that sticks out past the right edge of the window.
  const layout = () => page.evaluate(() => {
    const box = (selector) => document.querySelector(selector).getBoundingClientRect();
    const reading = box("#source .path.reading"), engine = box("#source .path.engine");
    const width = document.documentElement.clientWidth;
    const outside = Array.from(document.querySelectorAll("body *"))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest("pre"))
      .map((e) => e.id || e.tagName.toLowerCase() + "." + e.className);
    return { width, scrollWidth: document.documentElement.scrollWidth, outside,
             sideBySide: engine.left >= reading.right && Math.abs(engine.top - reading.top) < 1,
             stacked: engine.top >= reading.bottom };
  });
  findings.code = {
    summary: await page.evaluate(() => document.getElementById("code-summary").textContent),
    headings: await texts("#source h3"),
    reading: await texts("#source .path.reading h4"),
    engine: await texts("#source .path.engine h4"),
    where: await texts("#source .where"),
    source: (await texts("#source .path.engine pre"))[0].slice(0, 200),
    wide: await layout(),
  };
  // A narrow window (a phone): the columns stack, and nothing is wider than the window.
  await page.setViewportSize({ width: 400, height: 900 });
  await page.waitForTimeout(300);
  findings.code.narrow = await layout();
  await page.screenshot({ path: path.join(outDir, "narrow.png"), fullPage: true });
  await page.setViewportSize(wide);
  // The optimizer's step: the engine's is the optimizer chosen (adam by default).
  await page.click("[data-part=optimizer]");
  const stepShown = () => document.querySelector("#source .path.engine h4").textContent.includes(".step");
  await page.waitForFunction(stepShown, null, { timeout: 30000 });
  findings.code.optimizer = { reading: await texts("#source .path.reading h4"),
                              engine: await texts("#source .path.engine h4") };

  // Export: the download is the model file, named after what it is.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const exported = path.join(outDir, "model.json");
  await download.saveAs(exported);
  findings.exported = exported;
  findings.exportedName = download.suggestedFilename();

  // Spirals, with two hidden layers of 12: a few seconds of live training.
  await page.selectOption("#dataset", "spirals");
  await page.fill("#hidden", "12, 12");
  await page.dispatchEvent("#hidden", "change");
  const fresh = (name) => window.playground.info && window.playground.info.settings.dataset === name
    && window.playground.last.epoch === 0;
  await page.waitForFunction(fresh, "spirals", { timeout: 30000 });
  await page.click("#train");
  await page.waitForTimeout(8000);
  await page.click("#pause");
  await page.waitForTimeout(500);
  findings.spirals = await page.evaluate(() => {
    const s = window.playground.last;
    return { epoch: s.epoch, seconds: s.seconds, accuracy: s.accuracy[s.accuracy.length - 1] };
  });
  await page.evaluate(() => window.scrollTo(0, 0)); // the whole page from its top: the status line too
  await page.screenshot({ path: path.join(outDir, "screenshot.png") });
  findings.screenshot = path.join(outDir, "screenshot.png");

  // The built-in iris and digits: each configures and trains one epoch in the page.
  for (const [name, hidden] of [["iris", "5"], ["digits", "16"]]) {
    await page.selectOption("#dataset", name);
    await page.fill("#hidden", hidden);
    await page.dispatchEvent("#hidden", "change");
    await page.waitForFunction(fresh, name, { timeout: 30000 });
    await page.click("#step");
    await page.waitForFunction(() => window.playground.last.epoch === 1, null, { timeout: 30000 });
    findings[name] = await page.evaluate(() => ({
      kind: window.playground.info.kind, sizes: window.playground.info.sizes,
      accuracy: window.playground.last.accuracy[0], status: document.getElementById("status").textContent,
      progress: document.getElementById("progress").textContent,
      disabled: ["noise", "points"].map((id) => document.getElementById(id).disabled),
    }));
  }
  await hardCases(page, findings);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(findings) + "\n");

// ----- the hard cases ------------------------------------------------------------------------

async function fieldState(page, id) {
  return page.evaluate((id) => ({
    invalid: document.getElementById(id).getAttribute("aria-invalid"),
    message: document.getElementById(id + "-error").textContent,
    train: document.getElementById("train").disabled,
  }), id);
}

async function typeInto(page, id, text) {
  await page.fill("#" + id, text);
  await page.dispatchEvent("#" + id, "input");
  await page.dispatchEvent("#" + id, "change");
}

async function hardCases(page, findings) {
  await page.selectOption("#dataset", "xor");
  await page.dispatchEvent("#dataset", "change");
  // Bad values, typed: each marked at its field, in words; Train waits; the mark goes when fixed.
  findings.fields = {};
  for (const [id, bad, good] of [["learning_rate", "abc", "0.03"], ["learning_rate", "0", "0.03"],
                                 ["learning_rate", "-1", "0.03"], ["l2", "-1", "0"], ["points", "1", "200"],
                                 ["points", "5000", "200"], ["points", "2.5", "200"], ["hidden", "abc", "4"],
                                 ["hidden", "", "4"], ["hidden", "0", "4"], ["hidden", "-3", "4"],
                                 ["hidden", "2.5", "4"], ["batch_size", "2.5", "16"], ["seed", "1.5", "0"]]) {
    await typeInto(page, id, bad);
    const marked = await fieldState(page, id);
    await typeInto(page, id, good);
    findings.fields[`${id}=${bad}`] = { marked, fixed: await fieldState(page, id) };
  }
  // A Python error from the library: its last line in the status, the traceback under Details;
  // fixing the value clears it, and training runs without it.
  await page.selectOption("#dataset", "spirals");
  await typeInto(page, "hidden", "32, 32");
  await page.selectOption("#activation", "linear");
  await page.selectOption("#optimizer", "sgd");
  await typeInto(page, "batch_size", "1");
  await typeInto(page, "learning_rate", "10");
  await page.waitForFunction(() => window.playground.info.settings.learning_rate === 10, null, { timeout: 30000 });
  await page.click("#step");
  await page.waitForFunction(() => document.getElementById("status").classList.contains("error"), null,
                             { timeout: 60000 });
  const said = () => page.evaluate(() => ({
    status: document.getElementById("status").textContent,
    error: document.getElementById("status").classList.contains("error"),
    details: !document.getElementById("error-details").hidden,
    detailsText: document.getElementById("error-text").textContent.length,
    height: document.querySelector("header").getBoundingClientRect().height,
  }));
  findings.pythonError = await said();
  await typeInto(page, "learning_rate", "0.03");
  await page.waitForFunction(() => window.playground.info.settings.learning_rate === 0.03, null, { timeout: 30000 });
  await page.click("#step");
  await page.waitForFunction(() => window.playground.last.epoch === 1, null, { timeout: 30000 });
  findings.pythonErrorCleared = await said();
  // Epoch 1 alone is drawn: its points, on axes with ticks (many more pixels than the empty frame).
  findings.firstEpochPainted = await page.evaluate(() => {
    const c = document.getElementById("curves");
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let colored = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (Math.abs(data[i] - 31) < 40 && Math.abs(data[i + 2] - 180) < 40)) colored++;
    }
    return colored;  // blue pixels: the loss's dots (and the legend's line)
  });

  // The code tabs answer the keyboard.
  await page.focus("#tab-backpropagate");
  await page.keyboard.press("ArrowRight");
  findings.tabs = await page.evaluate(() => ({
    selected: document.querySelector("[role=tab][aria-selected=true]").dataset.part,
    focused: document.activeElement.id,
    roles: Array.from(document.querySelectorAll("canvas"), (c) => c.getAttribute("role")),
  }));

  // A phone: 360 px wide. Nothing is wider than the screen; every field is on it.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(300);
  findings.phone = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const off = Array.from(document.querySelectorAll("input, select, button, canvas"))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5).map((e) => e.id);
    return { width, scrollWidth: document.documentElement.scrollWidth, off };
  });
  await page.screenshot({ path: path.join(outDir, "phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 1000 });

  // A long run: the fastest setting, past 100,000 epochs, with no page error; the curves stay bounded
  // and the drawings keep up. Pause says so at once.
  await page.selectOption("#dataset", "xor");
  await page.selectOption("#activation", "tanh");
  await typeInto(page, "points", "20");
  await typeInto(page, "hidden", "none");
  await typeInto(page, "batch_size", "0");
  await page.waitForFunction(() => window.playground.info.settings.points === 20 &&
    window.playground.info.settings.hidden.length === 0 && window.playground.last.epoch === 0, null,
    { timeout: 30000 });
  const longStart = Date.now();
  await page.click("#train");
  findings.training = await page.evaluate(() => ({
    button: document.getElementById("train").textContent,
    pressed: document.getElementById("train").getAttribute("aria-pressed"),
    status: document.getElementById("status").textContent,
  }));
  await page.waitForFunction(() => window.playground.last.epoch > 100000, null, { timeout: 300000, polling: 1000 });
  findings.long = await page.evaluate(() => {
    const s = window.playground.last;
    return { epoch: s.epoch, points: s.epochs.length, lastPoint: s.epochs[s.epochs.length - 1],
             status: document.getElementById("status").textContent };
  });
  findings.long.seconds = (Date.now() - longStart) / 1000;
  await page.click("#pause");
  findings.long.pausing = await page.evaluate(() => document.getElementById("status").textContent);
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Paused"), null,
                             { timeout: 30000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const longModel = path.join(outDir, "long.json");
  await download.saveAs(longModel);
  findings.long.exported = longModel;
  findings.long.exportedName = download.suggestedFilename();
  findings.long.lastEpoch = await page.evaluate(() => window.playground.last.epoch);
}
