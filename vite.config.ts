import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { kubernetesSchemaModule } from './scripts/gen-schemas.ts';

const SCHEMA_ID = 'virtual:kubernetes-schema';

/** The Kubernetes JSON Schema for monaco-yaml, generated at build time from the OpenAPI documents (lazy chunk). */
function kubernetesSchema(): Plugin {
  return {
    name: 'kubernetes-schema',
    resolveId: (id) => (id === SCHEMA_ID ? `\0${SCHEMA_ID}` : undefined),
    load: (id) => (id === `\0${SCHEMA_ID}` ? kubernetesSchemaModule() : undefined),
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any sub-path (e.g. /explorer/).
  base: './',
  plugins: [react(), tailwindcss(), kubernetesSchema()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Monaco is one lazily loaded chunk of ~1 MB by design; the initial chunk is measured by `npm run bench`.
    chunkSizeWarningLimit: 4096,
  },
});
