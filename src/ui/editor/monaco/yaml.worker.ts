// The YAML language worker (yaml-language-server inside monaco-yaml), bundled by Vite as a module worker.
import 'monaco-yaml/yaml.worker.js';
