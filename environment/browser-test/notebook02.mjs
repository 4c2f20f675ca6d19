// Notebook 02 at smoke through Jupyter's web UI (jupyter-ui.mjs), watched while it runs: each training run's progress
// line and live loss chart must be one output each, replaced in place while the run goes on (Jupyter's
// update_display_data, issue 24), and the final tables (2, 3, 6) must appear as HTML.
import { args, log, outputs, runNotebook } from "./jupyter-ui.mjs";

const PROGRESS = / step\/s ETA /;
const RUNS = 5; // DDGAN, WDDGAN, LDDGAN (Table 3), then LDDGAN without and with fixed reconstruction weight (Table 6)

const { url, screenshot } = args("notebook02.mjs");
await runNotebook(url, screenshot, {
  timeoutMs: 1_200_000,
  // every 250 ms, what each output slot (code cell, output index) shows: a PNG (by its data) or a progress line
  whileRunning: (page) => page.evaluate(() => {
    window.__seen = {};
    window.__watch = setInterval(() => {
      document.querySelectorAll(".cell.code_cell").forEach((cell, i) => {
        cell.querySelectorAll(".output_area").forEach((area, j) => {
          const img = area.querySelector("img[src^='data:image/png']");
          const value = img ? "png:" + img.src.length + ":" + img.src.slice(-64) : area.innerText;
          (window.__seen[`${i}/${j}`] ??= []).includes(value) || window.__seen[`${i}/${j}`].push(value);
        });
      });
    }, 250);
  }),
  check: async (page) => {
    const seen = await page.evaluate(() => { clearInterval(window.__watch); return window.__seen; });
    const slots = Object.entries(seen);
    const progressUpdated = slots.filter(([, v]) => v.filter((t) => PROGRESS.test(t)).length >= 2).length;
    const chartsUpdated = slots.filter(([, v]) => v.filter((t) => t.startsWith("png:")).length >= 2).length;
    log(`while running: ${progressUpdated} progress line(s) and ${chartsUpdated} chart(s) replaced in place`);
    if (progressUpdated < 1 || chartsUpdated < 1) {
      throw new Error("expected at least one progress line and one live loss chart to be updated in place while running");
    }
    const progress = (await page.locator(".output_area").allInnerTexts()).filter((t) => PROGRESS.test(t));
    const multi = progress.filter((t) => t.trim().split("\n").length !== 1);
    log(`after the run: ${progress.length} progress output(s)`);
    if (progress.length !== RUNS || multi.length > 0) {
      throw new Error(`expected ${RUNS} progress outputs of one line each, found ${progress.length}: ${JSON.stringify(progress).slice(0, 600)}`);
    }
    const { imageCount, tables, html } = await outputs(page);
    log(`outputs: ${imageCount} PNG image(s), ${tables} HTML table(s)`);
    for (const expected of ["Table 2", "Table 3", "AdvLoss+RecLoss+WL"]) {
      if (!html.some((t) => t.includes(expected))) {
        throw new Error(`the final table with '${expected}' is missing from the HTML outputs`);
      }
    }
  },
});
log("ok: notebook 02 ran in the browser, progress and loss charts updated in place, tables shown");
