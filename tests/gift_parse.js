// Parse GIFT files with the npm package gift-pegjs and print what it read as JSON, one
// entry per file: {"questions": [...]} or {"error": {"message", "line", "column"}}.
// Usage: node gift_parse.js NODE_MODULES FILE...
const path = require("path");
const fs = require("fs");
const gift = require(path.join(process.argv[2], "gift-pegjs"));
const results = process.argv.slice(3).map((file) => {
  try {
    return { questions: gift.parse(fs.readFileSync(file, "utf8")) };
  } catch (e) {
    const where = e.location ? e.location.start : { line: 0, column: 0 };
    return { error: { message: e.message, line: where.line, column: where.column } };
  }
});
process.stdout.write(JSON.stringify(results));
