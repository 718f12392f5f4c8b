// Opens local HTML pages in headless Chromium (puppeteer-core) and reports, as JSON on stdout,
// for each page: its language and direction, how wide it lays out at 390 px and 320 px, every
// request for something outside the page's own folder (blocked, and listed), screenshots at
// 390x844 and 1280x800, and axe-core's accessibility audit.
//
//   node check.mjs --browser /usr/bin/chromium --shots <folder> <page.html>...
//
// Used by tests/test_web_page.py; `npm ci --prefix tests/browser` installs what it needs.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
  { name: "desktop", width: 1280, height: 800, deviceScaleFactor: 1 },
];

function parseArgs(argv) {
  const options = { pages: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--browser") options.browser = argv[++i];
    else if (argv[i] === "--shots") options.shots = argv[++i];
    else options.pages.push(path.resolve(argv[i]));
  }
  if (!options.browser || !options.shots || options.pages.length === 0) {
    throw new Error("usage: node check.mjs --browser <chromium> --shots <folder> <page.html>...");
  }
  return options;
}

// The page's own file and files beside it or under its folder (a review page's previews and
// leaflets) are local; anything else (http, https, a file elsewhere) is a request outside it.
function isOutside(url, folder) {
  if (url.startsWith("data:") || url === "about:blank") return false;
  if (!url.startsWith("file://")) return true;
  const file = decodeURIComponent(new URL(url).pathname);
  return !(file === folder || file.startsWith(folder + path.sep));
}

async function widthAt(page, url, width) {
  await page.setViewport({ width, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  await page.goto(url, { waitUntil: "load" });
  return page.evaluate(() => ({
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    // Anything whose box sticks out past the viewport's sides, for the test's message.
    overflowing: [...document.querySelectorAll("body *")]
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.right > window.innerWidth + 0.5 || box.left < -0.5;
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""}: ${e.textContent.slice(0, 40)}`),
  }));
}

async function check(browser, file, shots) {
  const page = await browser.newPage();
  const folder = path.dirname(file);
  const outside = [];
  const consoleErrors = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (isOutside(request.url(), folder)) {
      outside.push(request.url());
      request.abort();
    } else {
      request.continue();
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  const url = pathToFileURL(file).href;
  const result = { file, widths: {}, screenshots: {} };
  for (const width of [390, 320]) result.widths[width] = await widthAt(page, url, width);
  const stem = path.basename(file, ".html");
  for (const viewport of VIEWPORTS) {
    const { name, ...size } = viewport;
    await page.setViewport(size);
    await page.goto(url, { waitUntil: "load" });
    const shot = path.join(shots, `${stem}-${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: shot, fullPage: false });
    result.screenshots[name] = shot;
    if (name === "phone") {
      const full = path.join(shots, `${stem}-${name}-full.png`);
      await page.screenshot({ path: full, fullPage: true });
      result.screenshots[`${name}-full`] = full;
    }
  }
  result.lang = await page.evaluate(() => document.documentElement.getAttribute("lang"));
  result.dir = await page.evaluate(() => document.documentElement.getAttribute("dir"));
  await page.evaluate(AXE_SOURCE);
  result.axe = await page.evaluate(async () => {
    const found = await window.axe.run(document, { resultTypes: ["violations", "incomplete"] });
    const brief = (items) =>
      items.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
      }));
    return { version: window.axe.version, violations: brief(found.violations), incomplete: brief(found.incomplete) };
  });
  // Dark mode: the same audit (contrast above all) with the reader's dark scheme.
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  await page.setViewport(VIEWPORTS[0]);
  await page.goto(url, { waitUntil: "load" });
  const dark = path.join(shots, `${stem}-phone-dark.png`);
  await page.screenshot({ path: dark });
  result.screenshots["phone-dark"] = dark;
  await page.evaluate(AXE_SOURCE);
  result.axeDark = await page.evaluate(async () => {
    const found = await window.axe.run(document, { resultTypes: ["violations"] });
    return found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length }));
  });
  await page.emulateMediaFeatures([]);
  result.outside = outside;
  result.consoleErrors = consoleErrors;
  await page.close();
  return result;
}

const options = parseArgs(process.argv.slice(2));
const browser = await puppeteer.launch({
  executablePath: options.browser,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
});
try {
  const results = [];
  for (const file of options.pages) results.push(await check(browser, file, options.shots));
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
} finally {
  await browser.close();
}
