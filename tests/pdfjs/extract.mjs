// Text as pdf.js (Firefox's PDF reader) extracts it: `node extract.mjs a.pdf [b.pdf ...]`
// prints one JSON object, each path mapped to its text (pages separated by a form feed,
// a line break wherever pdf.js ends a line).
import { readFile } from "node:fs/promises";

// pdf.js's display layer wants DOMMatrix at load time (for drawing, which is not done here);
// without the optional @napi-rs/canvas package Node has none, and a stand-in is enough.
globalThis.DOMMatrix ??= class DOMMatrix {};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

async function extract(path) {
  const data = new Uint8Array(await readFile(path));
  const document = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => (item.str ?? "") + (item.hasEOL ? "\n" : "")).join(""));
  }
  await document.destroy();
  return pages.join("\f");
}

const result = {};
for (const path of process.argv.slice(2)) {
  result[path] = await extract(path);
}
process.stdout.write(JSON.stringify(result));
