// Builds the JSON Schema monaco-yaml validates manifests against, from the OpenAPI v3 documents that
// scripts/gen-openapi.ts generated (src/generated/openapi) for the kinds the simulated apiserver serves.
// The Vite build calls kubernetesSchemaModule() for its `virtual:kubernetes-schema` module (a lazily loaded chunk);
// run directly (`npx tsx scripts/gen-schemas.ts [out.json]`) it writes the schema to a file to inspect.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES } from '../src/sim/apiserver/resources.ts';
import { kubernetesJsonSchema, type KubernetesJsonSchema, type OpenApiDocument } from '../src/ui/editor/schema/kubernetesJsonSchema.ts';

const OPENAPI_DIR = join(import.meta.dirname, '..', 'src', 'generated', 'openapi');

export function buildKubernetesSchema(dir = OPENAPI_DIR): KubernetesJsonSchema {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npm run gen\` first`);
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as OpenApiDocument);
  return kubernetesJsonSchema(documents, RESOURCES.filter((r) => !r.createOnly));
}

/** An ES module whose default export is the schema (JSON.parse of a string literal parses fastest). */
export function kubernetesSchemaModule(): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(buildKubernetesSchema()))});\n`;
}

if (import.meta.filename.endsWith('gen-schemas.ts') && import.meta.filename === process.argv[1]) {
  const out = process.argv[2] ?? 'kubernetes.schema.json';
  const schema = buildKubernetesSchema();
  writeFileSync(out, `${JSON.stringify(schema, null, 1)}\n`);
  console.log(`wrote ${out}: ${Object.keys(schema['x-kinds']).length} kinds, ${Object.keys(schema.definitions).length} definitions`);
}
