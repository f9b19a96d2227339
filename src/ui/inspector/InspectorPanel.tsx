import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { openInspector, useInspector, type InspectorTab } from '../store/inspectorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { AdmissionInspector } from './AdmissionInspector.tsx';
import { EtcdInspector } from './EtcdInspector.tsx';
import { EventsInspector } from './EventsInspector.tsx';
import { ObjectsInspector } from './ObjectsInspector.tsx';
import { RbacInspector } from './RbacInspector.tsx';
import { RequestInspector } from './RequestInspector.tsx';
import { requestView } from './requestView.ts';
import { SchedulerInspector } from './SchedulerInspector.tsx';

const TABS: InspectorTab[] = ['request', 'rbac', 'admission', 'etcd', 'scheduler', 'events', 'objects'];

export const InspectorPanel = memo(function InspectorPanel() {
  const tab = useInspector((s) => s.tab);
  const { trace, cursor } = useSession(useShallow((s) => ({ trace: s.trace, cursor: s.snapshot?.cursor ?? 0 })));
  const view = useMemo(() => requestView(trace, cursor), [trace, cursor]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div role="tablist" aria-label={t.inspector.tabList} className="segmented segmented-grid">
        {TABS.map((id) => (
          <button key={id} id={`insp-tab-${id}`} type="button" role="tab" aria-selected={tab === id} aria-controls="insp-panel" tabIndex={tab === id ? 0 : -1}
            onClick={() => openInspector(id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const next = TABS[(TABS.indexOf(id) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              if (next) {
                openInspector(next);
                document.getElementById(`insp-tab-${next}`)?.focus();
              }
            }}>
            {t.inspector.tabs[id]}
          </button>
        ))}
      </div>
      <div id="insp-panel" role="tabpanel" aria-labelledby={`insp-tab-${tab}`} className="mt-3 min-h-0 flex-1 overflow-y-auto pr-1" tabIndex={0}>
        {tab === 'request' ? <RequestInspector view={view} /> : null}
        {tab === 'rbac' ? <RbacInspector view={view} /> : null}
        {tab === 'admission' ? <AdmissionInspector view={view} /> : null}
        {tab === 'etcd' ? <EtcdInspector /> : null}
        {tab === 'scheduler' ? <SchedulerInspector /> : null}
        {tab === 'events' ? <EventsInspector /> : null}
        {tab === 'objects' ? <ObjectsInspector /> : null}
      </div>
    </div>
  );
});
