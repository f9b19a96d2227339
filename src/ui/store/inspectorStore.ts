// Which inspector view is open and what it looks at. `pinned` holds a trace index; null follows the cursor.
import { create } from 'zustand';

export type InspectorTab = 'request' | 'rbac' | 'admission' | 'etcd' | 'scheduler' | 'events' | 'objects';
export type SidePanel = 'manifests' | 'terminal' | 'inspector';

export interface InspectorState {
  panel: SidePanel;
  /** The side panel at its wide size (tables and YAML read better). */
  wide: boolean;
  tab: InspectorTab;
  etcdKey: string | null;
  etcdRevision: number | null;
  /** Diff the selected revision against the one before it. */
  etcdDiff: boolean;
  /** A scheduling attempt chosen by its trace seq; null follows the cursor. */
  schedulingSeq: number | null;
  /** The object the Objects view shows (an etcd key); null picks one from the current step. */
  objectKey: string | null;
  eventsAllNamespaces: boolean;
}

export const useInspector = create<InspectorState>()(() => ({
  panel: 'manifests', wide: false, tab: 'request', etcdKey: null, etcdRevision: null, etcdDiff: false, schedulingSeq: null, objectKey: null, eventsAllNamespaces: false,
}));

export function toggleWide(): void {
  useInspector.setState((s) => ({ wide: !s.wide }));
}

export function showEtcdDiff(on: boolean): void {
  useInspector.setState({ etcdDiff: on });
}

export function selectSchedulingAttempt(seq: number | null): void {
  useInspector.setState({ schedulingSeq: seq });
}

export function selectObject(key: string | null): void {
  useInspector.setState({ objectKey: key });
}

export function setEventsAllNamespaces(on: boolean): void {
  useInspector.setState({ eventsAllNamespaces: on });
}

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
