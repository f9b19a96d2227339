import { Background, BackgroundVariant, Controls, ReactFlow, type Node, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { buildLayout } from './layout.ts';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';

const FIT = { padding: 0.04 };

/** The control plane as React Flow draws it; its look follows the scene store, its shape only the node list. */
export function Diagram() {
  const nodeNames = useSession(useShallow((s) => s.scenario?.nodes ?? []));
  const { nodes, edges } = useMemo<{ nodes: Node[]; edges: Edge[] }>(() => buildLayout(nodeNames), [nodeNames]);
  return (
    <div className="diagram size-full" role="figure" aria-label={t.diagram.label}>
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
          <Controls showInteractive={false} position="top-left" fitViewOptions={FIT} aria-label={t.diagram.fitView} />
        </ReactFlow>
      ) : null}
    </div>
  );
}
