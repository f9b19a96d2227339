import { Background, BackgroundVariant, Controls, ReactFlow, useReactFlow, type Node, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { buildLayout } from './layout.ts';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';

const FIT = { padding: 0.04 };

/** Keeps the whole control plane in view when the diagram's box changes size (the side panel widens, the window resizes). */
function FitOnResize({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const flow = useReactFlow();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    let frame = 0;
    let first = true;
    const observer = new ResizeObserver(() => {
      // The first report is the initial size, which fitView on mount already handled.
      if (first) {
        first = false;
        return;
      }
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void flow.fitView(FIT));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow, target]);
  return null;
}

/** The control plane as React Flow draws it; its look follows the scene store, its shape only the node list. */
export function Diagram() {
  const nodeNames = useSession(useShallow((s) => s.scenario?.nodes ?? []));
  const { nodes, edges } = useMemo<{ nodes: Node[]; edges: Edge[] }>(() => buildLayout(nodeNames), [nodeNames]);
  const box = useRef<HTMLDivElement>(null);
  return (
    <div ref={box} className="diagram size-full" role="figure" aria-label={t.diagram.label}>
      {nodeNames.length > 0 ? (
        <ReactFlow
          key={nodeNames.join(',')}
          defaultNodes={nodes}
          defaultEdges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={FIT}
          minZoom={0.3}
          maxZoom={2.5}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          colorMode="dark"
        >
          <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#1e293b" />
          <FitOnResize target={box} />
          <Controls showInteractive={false} position="top-left" fitViewOptions={FIT} aria-label={t.diagram.fitView} />
        </ReactFlow>
      ) : null}
    </div>
  );
}
