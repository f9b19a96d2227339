import { memo } from 'react';
import { ManifestEditor } from './editor/ManifestEditor.tsx';
import { InspectorPanel } from './inspector/InspectorPanel.tsx';
import { showPanel, useInspector, type SidePanel as Panel } from './store/inspectorStore.ts';
import { t } from './text/index.ts';

const PANELS: Panel[] = ['manifests', 'inspector'];

/** Manifests (edit, apply) and the Inspector share the left column; the narration's link switches to the Inspector. */
export const SidePanel = memo(function SidePanel() {
  const panel = useInspector((s) => s.panel);
  return (
    <aside className="side-panel" aria-label={t.panels.left}>
      <div role="tablist" aria-label={t.panels.left} className="panel-tabs">
        {PANELS.map((p) => (
          <button key={p} id={`panel-tab-${p}`} type="button" role="tab" aria-selected={panel === p} aria-controls={`panel-${p}`} tabIndex={panel === p ? 0 : -1}
            onClick={() => showPanel(p)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const next = PANELS[(PANELS.indexOf(p) + 1) % PANELS.length];
              if (next) {
                showPanel(next);
                document.getElementById(`panel-tab-${next}`)?.focus();
              }
            }}>
            {t.panels[p]}
          </button>
        ))}
      </div>
      <div id={`panel-${panel}`} role="tabpanel" aria-labelledby={`panel-tab-${panel}`} className="flex min-h-0 flex-1 flex-col p-3">
        {panel === 'manifests' ? <ManifestEditor /> : <InspectorPanel />}
      </div>
    </aside>
  );
});
