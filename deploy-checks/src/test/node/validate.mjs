#!/usr/bin/env node
// Validates Kubernetes manifests (multi-document YAML files) and prints a JSON report on stdout:
//   { "validated": <objects>, "byKind": {...}, "findings": [{ file, index, kind, name, message }] }
// Exit code 0 when there are no findings, 1 when there are, 2 on a usage error.
//
// - Built-in kinds: the JSON schemas of npm `kubernetes-models`; cert-manager and prometheus-operator kinds:
//   `@kubernetes-models/cert-manager` and `@kubernetes-models/prometheus-operator`.
//   Those schemas do not reject unknown fields, so every object is wrapped in a Proxy that records which
//   properties the schema's validator reads; a property it never reads (in an object whose keys it never
//   enumerates, i.e. not a map) is an unknown field.
// - Custom resources whose CRD is in --crds DIR (CloudNativePG, RabbitmqCluster, KEDA): the CRD's own
//   openAPIV3Schema with `additionalProperties: false` added wherever an object lists `properties` and does
//   not set `x-kubernetes-preserve-unknown-fields` (see k8s/crds/README.md); metadata as ObjectMeta.
// - PrometheusRule expressions are parsed with the PromQL grammar (@prometheus-io/lezer-promql).
// - A kind with no schema is a finding: nothing passes unchecked.
//
// Usage: node validate.mjs --crds <dir> <file.yaml>...

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import { parser as promqlParser } from "@prometheus-io/lezer-promql";

const args = process.argv.slice(2);
let crdDir = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--crds") crdDir = args[++i];
  else files.push(args[i]);
}
if (!crdDir || files.length === 0) {
  console.error("usage: node validate.mjs --crds <dir> <file.yaml>...");
  process.exit(2);
}

// ---------- CRD schemas, made strict ----------

export function strictify(schema, inCombinator = false) {
  if (Array.isArray(schema)) return schema.map((s) => strictify(s, inCombinator));
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictify(v)]));
    } else if (key === "items" || key === "additionalProperties" || key === "not") {
      out[key] = typeof value === "object" ? strictify(value) : value;
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      out[key] = strictify(value, true);
    } else {
      out[key] = value;
    }
  }
  if (out.properties && !inCombinator && out["x-kubernetes-preserve-unknown-fields"] !== true
      && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const crdValidators = new Map(); // "group/version/Kind" -> validate function
for (const file of readdirSync(crdDir).filter((f) => f.endsWith(".yaml"))) {
  for (const doc of parseAllDocuments(readFileSync(join(crdDir, file), "utf8"))) {
    const crd = doc.toJS();
    if (!crd || crd.kind !== "CustomResourceDefinition") continue;
    for (const version of crd.spec.versions) {
      const schema = strictify(version.schema.openAPIV3Schema);
      schema.properties.metadata = { type: "object" }; // checked as ObjectMeta below
      crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, {
        served: version.served,
        validate: ajv.compile(schema),
      });
    }
  }
}

// ---------- kubernetes-models, with unknown-field tracking ----------

function tracked(value, path, checks) {
  if (value === null || typeof value !== "object") return value;
  const read = new Set();
  let enumerated = false;
  const children = new Map();
  checks.push(() => {
    if (Array.isArray(value) || enumerated) return [];
    return Object.keys(value).filter((k) => !read.has(k)).map((k) => `${path}/${k}`);
  });
  return new Proxy(value, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== "string") return v;
      read.add(key);
      if (v === null || typeof v !== "object") return v;
      if (!children.has(key)) children.set(key, tracked(v, `${path}/${key}`, checks));
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === "string") read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function modelModules(apiVersion, kind) {
  const candidates = [`kubernetes-models/${apiVersion}/${kind}`];
  if (apiVersion.startsWith("cert-manager.io/") || apiVersion.startsWith("acme.cert-manager.io/")) {
    candidates.unshift(`@kubernetes-models/cert-manager/${apiVersion}/${kind}`);
  }
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    candidates.unshift(`@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`);
  }
  return candidates;
}

const modelCache = new Map();
async function findModel(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    let found = null;
    for (const spec of modelModules(apiVersion, kind)) {
      try {
        const mod = await import(spec);
        if (mod[kind] && typeof mod[kind].prototype.validate === "function") {
          found = mod[kind];
          break;
        }
      } catch {
        // no such model in this package: try the next
      }
    }
    modelCache.set(key, found);
  }
  return modelCache.get(key);
}

function validateWithModel(Model, obj) {
  const checks = [];
  const proxy = tracked(obj, "", checks);
  const messages = [];
  try {
    Model.prototype.validate.call(proxy);
  } catch (err) {
    messages.push(`schema: ${err.message}`);
  }
  for (const field of checks.flatMap((check) => check())) {
    messages.push(`unknown field ${field}`);
  }
  return messages;
}

const { ObjectMeta } = await import("@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta");

// ---------- PromQL ----------

export function promqlErrors(expr) {
  const errors = [];
  const tree = promqlParser.parse(expr);
  tree.iterate({
    enter(node) {
      if (node.type.isError && errors.length === 0) {
        errors.push(`PromQL syntax error at ${node.from} in: ${expr.trim()}`);
      }
    },
  });
  return errors;
}

// ---------- run ----------

const report = { validated: 0, byKind: {}, findings: [] };
for (const file of files) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"), { uniqueKeys: true });
  let index = -1;
  for (const doc of docs) {
    index++;
    const where = { file, index, kind: "?", name: "?" };
    if (doc.errors.length > 0) {
      report.findings.push({ ...where, message: `YAML: ${doc.errors.map((e) => e.message).join("; ")}` });
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    where.kind = obj.kind;
    where.name = obj.metadata?.name;
    const messages = [];
    if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
      messages.push("apiVersion and kind are required");
    } else {
      const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
      const crd = crdValidators.get(`${group}/${version}/${obj.kind}`);
      if (crd) {
        if (!crd.served) messages.push(`${obj.apiVersion} is not served by the CRD`);
        if (!crd.validate(obj)) {
          for (const e of crd.validate.errors) {
            const extra = e.keyword === "additionalProperties" ? ` '${e.params.additionalProperty}'` : "";
            messages.push(`CRD schema: ${e.instancePath || "/"} ${e.message}${extra}`);
          }
        }
        messages.push(...validateWithModel(ObjectMeta, obj.metadata ?? {}).map((m) => `metadata: ${m}`));
      } else {
        const Model = await findModel(obj.apiVersion, obj.kind);
        if (!Model) messages.push(`no schema known for ${obj.apiVersion} ${obj.kind}`);
        else messages.push(...validateWithModel(Model, obj));
      }
      if (obj.kind === "PrometheusRule") {
        for (const group of obj.spec?.groups ?? []) {
          for (const rule of group.rules ?? []) {
            if (typeof rule.expr === "string") messages.push(...promqlErrors(rule.expr));
          }
        }
      }
    }
    report.validated++;
    report.byKind[obj.kind] = (report.byKind[obj.kind] ?? 0) + 1;
    for (const message of messages) report.findings.push({ ...where, message });
  }
}
console.log(JSON.stringify(report, null, 2));
process.exit(report.findings.length === 0 ? 0 : 1);
