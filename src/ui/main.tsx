import '@fontsource-variable/inter/wght.css';
import '@fontsource/jetbrains-mono/400.css';
import '@fontsource/jetbrains-mono/500.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { scenarioFromLocation, sessionFromLocation, SESSION_PARAM } from '../sim/scenario/scenarioCodec.ts';
import { defaultScenario } from '../sim/scenario/defaultScenario.ts';
import { App } from './App.tsx';
import { startEngine } from './engine/engine.ts';
import { sessionKey } from './share/shareLink.ts';
import { setShared } from './store/editorStore.ts';
import { useSession } from './store/sessionStore.ts';
import './index.css';

// A shared session (the Share button's link) wins over a scenario name; a bad link falls back to the default.
const shared = sessionFromLocation(window.location.search, window.location.hash);
if (shared?.ok) {
  const { session, scenario } = shared;
  const value = new URLSearchParams(window.location.hash.slice(1)).get(SESSION_PARAM) ?? '';
  setShared({ key: sessionKey(value), files: session.files, user: session.user });
  startEngine(scenario, { actions: session.actions, cursor: session.cursor, ...(session.known !== undefined ? { known: session.known } : {}) });
} else {
  const wanted = scenarioFromLocation(window.location.search, window.location.hash);
  const problem = shared && !shared.ok ? shared.error : wanted.ok ? undefined : wanted.error;
  if (problem) useSession.setState({ notice: `Could not load the scenario from the link: ${problem}. Showing the default one.` });
  startEngine(wanted.ok && !(shared && !shared.ok) ? wanted.scenario : defaultScenario);
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
