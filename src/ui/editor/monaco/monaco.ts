// Monaco, loaded only when the editor is first shown (after the diagram): the editor API with the contributions a
// YAML editor needs, the YAML language, and monaco-yaml validating against the Kubernetes schema generated at
// build time. Nothing is fetched from a CDN: Vite bundles every module and worker with the site. The build swaps the
// parts of editor.api this editor never runs (diff editors, quick input...) for the stand-ins in unbundled.ts.
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';

export { monaco };
export type Monaco = typeof monaco;

window.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'yaml' ? new YamlWorker({ name: 'yaml' }) : new EditorWorker({ name: 'monaco-editor' })),
};

export const THEME = 'pod-journey';

monaco.editor.defineTheme(THEME, {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'type', foreground: '7dd3fc' },
    { token: 'string', foreground: 'a7f3d0' },
    { token: 'number', foreground: 'fcd34d' },
    { token: 'keyword', foreground: 'c4b5fd' },
    { token: 'comment', foreground: '64748b', fontStyle: 'italic' },
  ],
  colors: {
    'editor.background': '#0a0f1a',
    'editor.lineHighlightBackground': '#111a2b',
    'editor.lineHighlightBorder': '#00000000',
    'editorLineNumber.foreground': '#51627c',
    'editorLineNumber.activeForeground': '#cbd5e1',
    'editorGutter.background': '#0c1220',
    'editorError.foreground': '#fb7185',
    'editorWarning.foreground': '#fbbf24',
    'editorWidget.background': '#121a29',
    'editorWidget.border': '#334155',
    'editorHoverWidget.background': '#121a29',
    'editorHoverWidget.border': '#334155',
    'editorSuggestWidget.background': '#121a29',
    'editorSuggestWidget.border': '#334155',
    'editorSuggestWidget.selectedBackground': '#1c2a44',
    'scrollbarSlider.background': '#33415566',
  },
});

/** Where the schema says a file is validated: every model the editor opens (file:///<name>). */
export const SCHEMA_URI = 'inmemory://pod-journey/kubernetes-v1.32.schema.json';

let configured: Promise<void> | undefined;

/** Configures monaco-yaml once, with the schema loaded from its own chunk. */
export function configureYaml(): Promise<void> {
  configured ??= import('virtual:kubernetes-schema').then(({ default: schema }) => {
    configureMonacoYaml(monaco, {
      enableSchemaRequest: false,
      hover: true,
      completion: true,
      validate: true,
      isKubernetes: false,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['**'], schema }],
    });
  });
  return configured;
}
