// Drives a notebook in Jupyter's classic web UI (served by run.sh on 127.0.0.1 with a token) in headless Chromium:
// opens it, waits for the kernel, runs every cell through the UI (Cell > Run All), waits for every code cell to
// finish and fails on an error output. Used by notebook00.mjs and notebook02.mjs, which check what a reader sees.
import { chromium } from "playwright-core";

export const log = (m) => console.log(`[browser] ${m}`);

/** The PNG images and HTML outputs on the page. */
export async function outputs(page) {
  const images = page.locator(".output_area img[src^='data:image/png']");
  const html = await page.locator(".output_area .output_html").allInnerTexts();
  return { images, imageCount: await images.count(), tables: await page.locator(".output_area .output_html table").count(), html };
}

/**
 * Opens `url`, runs all cells, calls `whileRunning(page)` right after Run All (its promise is awaited after the run)
 * and `check(page)` when every cell has run; saves a full-page screenshot. Exits the process with 1 on a failure.
 */
export async function runNotebook(url, screenshot, { whileRunning = async () => {}, check, timeoutMs = 600_000 }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  let failed = null;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    page.on("pageerror", (e) => log(`page error: ${e.message}`));
    await page.goto(url, { waitUntil: "domcontentloaded" });
    // the kernel indicator turns idle once the Java kernel answers (no restart: a kernel that does not answer
    // within a minute is a failure, issue 24)
    await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 60_000 });
    const codeCells = await page.locator(".cell.code_cell").count();
    log(`notebook open, kernel idle, ${codeCells} code cells; Cell > Run All`);
    await page.click("#menus a.dropdown-toggle:text-is('Cell')");
    await page.click("#run_all_cells > a");
    const watching = whileRunning(page);
    // every code cell gets an execution number, and the kernel is idle again with nothing queued
    await page.waitForFunction((n) => {
      const prompts = [...document.querySelectorAll(".cell.code_cell .input_prompt")].map((p) => p.textContent);
      const done = prompts.filter((t) => /\[\d+\]/.test(t)).length;
      return done === n && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    }, codeCells, { timeout: timeoutMs, polling: 500 });
    log("every cell ran");
    await watching;
    const errors = await page.locator(".output_area .output_error, .output_area .output_stderr:has-text('Exception')").count();
    if (errors > 0) {
      throw new Error(`${errors} error output(s): ` + (await page.locator(".output_error").first().innerText()).slice(0, 500));
    }
    await check(page);
  } catch (e) {
    failed = e;
  } finally {
    // the classic UI scrolls inside #site: let the page grow so the screenshot holds the whole notebook
    await page.addStyleTag({ content: "#site { height: auto !important; overflow: visible !important; }" }).catch(() => {});
    await page.screenshot({ path: screenshot, fullPage: true }).catch((e) => log(`no screenshot: ${e.message}`));
    log(`screenshot: ${screenshot}`);
    await browser.close();
  }
  if (failed) {
    console.error(`[browser] FAILED: ${failed.message}`);
    process.exit(1);
  }
}

/** The command line of a notebook script: URL and screenshot path. */
export function args(script) {
  const [url, screenshot] = process.argv.slice(2);
  if (!url || !screenshot) {
    console.error(`usage: node ${script} URL SCREENSHOT   (CHROMIUM: the browser executable, default /usr/bin/chromium)`);
    process.exit(2);
  }
  return { url, screenshot };
}
