import '@fontsource-variable/inter/wght.css';
import '@fontsource/jetbrains-mono/400.css';
import '@fontsource/jetbrains-mono/500.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { scenarioFromLocation } from '../sim/scenario/scenarioCodec.ts';
import { defaultScenario } from '../sim/scenario/defaultScenario.ts';
import { App } from './App.tsx';
import { startEngine } from './engine/engine.ts';
import { useSession } from './store/sessionStore.ts';
import './index.css';

const wanted = scenarioFromLocation(window.location.search, window.location.hash);
if (!wanted.ok) useSession.setState({ notice: `Could not load the scenario from the link: ${wanted.error}. Showing the default one.` });
startEngine(wanted.ok ? wanted.scenario : defaultScenario);

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
