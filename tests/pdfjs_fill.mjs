// Fill a PDF form the way Firefox does: pdf.js's annotation storage, then saveDocument.
// node pdfjs_fill.mjs PDFJS_DIR INPUT OUTPUT VALUES_JSON
// VALUES_JSON maps a field name to a value: text for a text field, true for a check box
// to tick, the export value of the button to choose in a radio group. Prints the field
// names pdf.js saw (JSON) on stdout.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pdfjsDir, input, output, valuesFile] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(path.join(pdfjsDir, "legacy/build/pdf.mjs")).href);
const values = JSON.parse(fs.readFileSync(valuesFile, "utf8"));
const doc = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(input)),
  standardFontDataUrl: path.join(pdfjsDir, "standard_fonts") + "/",
  isEvalSupported: false,
  enableXfa: false,
}).promise;
const fields = (await doc.getFieldObjects()) || {};
const storage = doc.annotationStorage;
for (const [name, value] of Object.entries(values)) {
  const widgets = fields[name];
  if (!widgets) throw new Error(`no field ${name}`);
  for (const widget of widgets) {
    if (widget.type === "radiobutton") {
      storage.setValue(widget.id, { value: widget.exportValues === value });
    } else if (widget.type === "checkbox") {
      storage.setValue(widget.id, { value: value === true });
    } else if (widget.type === "text") {
      storage.setValue(widget.id, { value: String(value) });
    } else if (widget.type) {
      throw new Error(`${name}: a ${widget.type}`);
    } // else the radio group's own field, beside its buttons
  }
}
fs.writeFileSync(output, await doc.saveDocument());
const seen = Object.fromEntries(
  Object.entries(fields).map(([name, ws]) => [name, ws.map((w) => [w.type, w.exportValues ?? null])]),
);
process.stdout.write(JSON.stringify(seen));
