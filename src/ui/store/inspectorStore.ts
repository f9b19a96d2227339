// Which inspector view is open and what it looks at. `pinned` holds a trace index; null follows the cursor.
import { create } from 'zustand';

export type InspectorTab = 'request' | 'rbac' | 'admission' | 'etcd';
export type SidePanel = 'manifests' | 'inspector';

export interface InspectorState {
  panel: SidePanel;
  tab: InspectorTab;
  etcdKey: string | null;
  etcdRevision: number | null;
}

export const useInspector = create<InspectorState>()(() => ({ panel: 'manifests', tab: 'request', etcdKey: null, etcdRevision: null }));

export function showPanel(panel: SidePanel): void {
  useInspector.setState({ panel });
}

export function openInspector(tab: InspectorTab): void {
  useInspector.setState({ panel: 'inspector', tab });
}

export function selectEtcdKey(key: string | null): void {
  useInspector.setState({ etcdKey: key, etcdRevision: null });
}

export function selectEtcdRevision(rev: number | null): void {
  useInspector.setState({ etcdRevision: rev });
}
