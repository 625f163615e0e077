// Where pdf.js draws the lines of a text field: its own layout, as Firefox prints the field
// and as it writes the field's look on save (both call _getAppearance with what was typed).
// node pdfjs_lines.mjs PDFJS_DIR INPUT FIELD TEXTS_JSON
// TEXTS_JSON is a list of texts, each typed into FIELD in turn. Prints JSON on stdout: the
// widget's rectangle (page space) and, for each text, the lines drawn as
// [text, baseline y (page space), type size], top to bottom.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pdfjsDir, input, name, textsFile] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(path.join(pdfjsDir, "legacy/build/pdf.mjs")).href);
const { OPS } = pdfjs;
const doc = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(input)),
  standardFontDataUrl: path.join(pdfjsDir, "standard_fonts") + "/",
  isEvalSupported: false,
  enableXfa: false,
  verbosity: 0, // its warnings (no OffscreenCanvas under Node) go to stdout
}).promise;
const widgets = ((await doc.getFieldObjects()) || {})[name] || [];
if (widgets.length !== 1 || widgets[0].type !== "text") throw new Error(`${name}: no text field`);
const [{ id, page: index }] = widgets;
const page = await doc.getPage(index + 1);
let rect = null;
const layouts = [];
for (const text of JSON.parse(fs.readFileSync(textsFile, "utf8"))) {
  doc.annotationStorage.setValue(id, { value: text });
  const ops = await page.getOperatorList({
    intent: "print",
    annotationMode: pdfjs.AnnotationMode.ENABLE_STORAGE,
  });
  const lines = [];
  let inside = false;
  let transform = [1, 0, 0, 1, 0, 0];
  let [lineY, size] = [0, 0];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const [fn, args] = [ops.fnArray[i], ops.argsArray[i]];
    if (fn === OPS.beginAnnotation) {
      inside = args[0] === id;
      if (inside) [, rect, transform] = args;
    } else if (fn === OPS.endAnnotation) {
      inside = false;
    } else if (!inside) {
      continue;
    } else if (fn === OPS.setFont) {
      size = args[1];
    } else if (fn === OPS.setTextMatrix) {
      lineY = args[5];
    } else if (fn === OPS.moveText) {
      lineY += args[1];
    } else if (fn === OPS.showText) {
      const shown = args[0].map((glyph) => (typeof glyph === "object" ? glyph.unicode : ""));
      // the look is drawn in the widget's own space, then scaled and moved onto the page
      lines.push([shown.join(""), transform[3] * lineY + transform[5], transform[3] * size]);
    }
  }
  layouts.push(lines);
}
process.stdout.write(JSON.stringify({ rect, layouts }));
