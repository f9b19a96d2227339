import { useEffect } from 'react';
import { engine } from '../engine/engine.ts';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox');
}

/** Space play/pause, ←/→ step, +/− speed — anywhere except where the keys mean typing or a control's own use. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      // Buttons answer Space themselves; tabs move with the arrow keys.
      if (e.key === ' ' && (el?.tagName === 'BUTTON' || el?.tagName === 'A' || el?.getAttribute('role') === 'tab')) return;
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && el?.getAttribute('role') === 'tab') return;
      switch (e.key) {
        case ' ':
          engine.togglePlay();
          break;
        case 'ArrowRight':
          engine.step();
          break;
        case 'ArrowLeft':
          engine.stepBack();
          break;
        case '+':
        case '=':
          engine.nudgeSpeed(1);
          break;
        case '-':
        case '_':
          engine.nudgeSpeed(-1);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
