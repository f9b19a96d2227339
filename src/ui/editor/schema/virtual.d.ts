// The build's generated schema module (vite.config.ts → scripts/gen-schemas.ts → kubernetesJsonSchema.ts).
declare module 'virtual:kubernetes-schema' {
  const schema: Record<string, unknown>;
  export default schema;
}
