// The explorer: manifests and inspectors on the left, the control plane in the middle, playback below it.
import { useEffect } from 'react';
import { Diagram } from './diagram/Diagram.tsx';
import { Header } from './Header.tsx';
import { Narration } from './playback/Narration.tsx';
import { PlaybackBar } from './playback/PlaybackBar.tsx';
import { useKeyboard } from './playback/useKeyboard.ts';
import { SidePanel } from './SidePanel.tsx';
import { openScenario, sharedEdits } from './store/editorStore.ts';
import { useInspector } from './store/inspectorStore.ts';
import { useSession } from './store/sessionStore.ts';
import { WorkerNotice } from './WorkerNotice.tsx';

function useEditorFiles(): void {
  const scenario = useSession((s) => s.scenario);
  useEffect(() => {
    if (scenario) openScenario(scenario.name, scenario.files, scenario.users.map((u) => u.name), sharedEdits());
  }, [scenario]);
}

export function App() {
  useKeyboard();
  useEditorFiles();
  const wide = useInspector((s) => s.wide);
  return (
    <div className="app">
      <Header />
      <div className={`app-body ${wide ? 'is-wide' : ''}`}>
        <SidePanel />
        <main className="stage-area">
          <div className="min-h-0 flex-1"><Diagram /></div>
          <div className="controls-dock">
            <Narration />
            <PlaybackBar />
          </div>
        </main>
      </div>
      <WorkerNotice />
    </div>
  );
}
