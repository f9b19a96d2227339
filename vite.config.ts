import { dirname, resolve } from 'node:path';
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

/** Monaco modules (under monaco-editor/esm/vs/) that the build replaces with src/ui/editor/monaco/unbundled.ts. */
const MONACO_UNBUNDLED = [
  'editor/browser/widget/diffEditor/diffEditorWidget.js',
  'editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js',
  'editor/contrib/colorPicker/browser/colorHoverParticipant.js',
  'editor/contrib/inlayHints/browser/inlayHintsHover.js',
  'editor/standalone/browser/quickInput/standaloneQuickInputService.js',
];

/**
 * Leaves out of the Monaco chunk what editor.api imports but this editor never runs: the diff editors, the
 * colour-picker and inlay-hint hover parts (their contributions are not loaded) and the quick input (~45 KiB gzip).
 * Build only: the dev server pre-bundles monaco-editor whole.
 */
function monacoTrim(): Plugin {
  const stub = resolve(import.meta.dirname, 'src/ui/editor/monaco/unbundled.ts');
  const targets = MONACO_UNBUNDLED.map((m) => `/node_modules/monaco-editor/esm/vs/${m}`);
  return {
    name: 'monaco-trim',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !importer.includes('/node_modules/monaco-editor/esm/')) return undefined;
      const path = resolve(dirname(importer), source).replaceAll('\\', '/');
      return targets.some((t) => path.endsWith(t)) ? stub : undefined;
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any sub-path (e.g. /explorer/).
  base: './',
  plugins: [react(), tailwindcss(), kubernetesSchema(), monacoTrim()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Monaco is one lazily loaded chunk of ~3 MB (~700 KiB gzip) by design; `npm run bench` measures it and the
    // initial chunk.
    chunkSizeWarningLimit: 4096,
  },
});
