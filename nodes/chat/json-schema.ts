/**
 * A small validator for the JSON-schema subset OpenAI structured outputs use: `type` (one or a list, with
 * "integer" and "null"), `properties`, `required`, `additionalProperties` (false or a schema), `items`, `enum`,
 * `const`, `anyOf`, and local `$ref`s into `$defs` / `definitions`. Keywords outside the subset are ignored:
 * the provider enforced them or not, and a stricter local check would refuse answers the user asked for.
 */

export type JsonSchema = boolean | { [keyword: string]: unknown };

/** Problems found, each `path: what is wrong`; empty when the value fits. */
export function validateJson(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = "$", depth = 0): string[] {
  if (schema === true || schema === undefined || schema === null) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  if (typeof schema !== "object" || depth > 64) return [];
  const s = schema as Record<string, unknown>;

  if (typeof s.$ref === "string") {
    const target = resolveRef(root, s.$ref);
    if (target === undefined) return [`${path}: cannot resolve $ref ${s.$ref}`];
    return validateJson(value, target, root, path, depth + 1);
  }
  if (Array.isArray(s.anyOf)) {
    const fits = s.anyOf.some((sub) => validateJson(value, sub as JsonSchema, root, path, depth + 1).length === 0);
    if (!fits) return [`${path}: matches none of the allowed shapes (anyOf)`];
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) return [`${path}: expected ${types.join(" or ")}, got ${typeName(value)}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) {
    return [`${path}: must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`];
  }
  if ("const" in s && !deepEqual(s.const, value)) return [`${path}: must be ${JSON.stringify(s.const)}`];

  const problems: string[] = [];
  if (isObject(value)) {
    const properties = (isObject(s.properties) ? s.properties : {}) as Record<string, JsonSchema>;
    for (const key of Array.isArray(s.required) ? (s.required as string[]) : []) {
      if (!(key in value)) problems.push(`${path}: missing required property "${key}"`);
    }
    for (const [key, item] of Object.entries(value)) {
      const where = `${path}.${key}`;
      if (key in properties) problems.push(...validateJson(item, properties[key], root, where, depth + 1));
      else if (s.additionalProperties === false) problems.push(`${where}: property not allowed`);
      else if (isObject(s.additionalProperties)) problems.push(...validateJson(item, s.additionalProperties as JsonSchema, root, where, depth + 1));
    }
  }
  if (Array.isArray(value) && s.items !== undefined && !Array.isArray(s.items)) {
    value.forEach((item, i) => problems.push(...validateJson(item, s.items as JsonSchema, root, `${path}[${i}]`, depth + 1)));
  }
  return problems;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node as JsonSchema;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return true;
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
