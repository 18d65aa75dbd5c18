#!/usr/bin/env node
// Writes the spec of every PrometheusRule found in rendered manifests as a promtool rule file.
// Usage: extract-prometheus-rules.mjs <out-dir> <manifests.yaml>...   Prints the files written.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments, stringify } from "yaml";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: extract-prometheus-rules.mjs <out-dir> <manifests.yaml>...");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const obj = doc.toJS();
    if (!obj || obj.kind !== "PrometheusRule" || !obj.spec) continue;
    const name = `${basename(file, ".yaml")}.${obj.metadata?.name ?? "unnamed"}.rules.yml`;
    writeFileSync(`${outDir}/${name}`, stringify(obj.spec));
    console.log(`${outDir}/${name}`);
  }
}
