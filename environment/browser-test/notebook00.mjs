// Notebook 00 through Jupyter's web UI (jupyter-ui.mjs): no error output, the sample grid and the chart as PNG
// images, the class-count and schedule tables as HTML.
import { args, log, outputs, runNotebook } from "./jupyter-ui.mjs";

const { url, screenshot } = args("notebook00.mjs");
await runNotebook(url, screenshot, {
  check: async (page) => {
    const { images, imageCount, tables, html } = await outputs(page);
    log(`outputs: ${imageCount} PNG image(s), ${tables} HTML table(s)`);
    const box = imageCount > 0 ? await images.last().boundingBox() : null;
    if (imageCount < 2 || !box || box.width < 300) {
      throw new Error(`expected the sample grid and the chart as PNG images (the chart at least 300 px wide), found ${imageCount}`);
    }
    if (tables < 1) {
      throw new Error("expected the class-count and schedule tables as HTML tables, found none");
    }
    if (!html.some((t) => t.includes("airplane")) || !html.some((t) => t.includes("a_s_cum"))) {
      throw new Error("the class-count table (airplane ...) or the schedule table (a_s_cum) is missing");
    }
  },
});
log("ok: notebook 00 ran in the browser, chart and tables shown");
