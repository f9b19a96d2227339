import { memo } from 'react';
import { ManifestEditor } from './editor/ManifestEditor.tsx';
import { InspectorPanel } from './inspector/InspectorPanel.tsx';
import { TerminalPanel } from './terminal/TerminalPanel.tsx';
import { Icon } from './common/Icon.tsx';
import { showPanel, toggleWide, useInspector, type SidePanel as Panel } from './store/inspectorStore.ts';
import { t } from './text/index.ts';

const PANELS: Panel[] = ['manifests', 'terminal', 'inspector'];

/** Manifests (edit, apply) and the Inspector share the left column; the narration's link switches to the Inspector. */
export const SidePanel = memo(function SidePanel() {
  const panel = useInspector((s) => s.panel);
  const wide = useInspector((s) => s.wide);
  return (
    <aside className="side-panel" aria-label={t.panels.left}>
      <div className="panel-tabs">
      <div role="tablist" aria-label={t.panels.left} className="flex gap-1">
        {PANELS.map((p) => (
          <button key={p} id={`panel-tab-${p}`} type="button" role="tab" aria-selected={panel === p} aria-controls={`panel-${p}`} tabIndex={panel === p ? 0 : -1}
            onClick={() => showPanel(p)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const step = e.key === 'ArrowRight' ? 1 : -1;
              const next = PANELS[(PANELS.indexOf(p) + step + PANELS.length) % PANELS.length];
              if (next) {
                showPanel(next);
                document.getElementById(`panel-tab-${next}`)?.focus();
              }
            }}>
            {t.panels[p]}
          </button>
        ))}
      </div>
        <span className="flex-1" />
        <button type="button" className="icon-btn icon-btn-sm mb-1.5 self-center" onClick={toggleWide} aria-pressed={wide} aria-label={wide ? t.inspector.narrow : t.inspector.widen} title={wide ? t.inspector.narrow : t.inspector.widen}>
          <Icon name={wide ? 'narrow' : 'widen'} className="size-4" />
        </button>
      </div>
      <div id={`panel-${panel}`} role="tabpanel" aria-labelledby={`panel-tab-${panel}`} className="flex min-h-0 flex-1 flex-col p-3">
        {panel === 'manifests' ? <ManifestEditor /> : panel === 'terminal' ? <TerminalPanel /> : <InspectorPanel />}
      </div>
    </aside>
  );
});
