// Stand-ins for Monaco modules the site's build leaves out (see `monacoTrim` in vite.config.ts). Monaco imports
// them at load time but only reaches them through features this editor never uses, so each stand-in keeps the
// name the importer needs and nothing else.

/** No diff editor is created (monaco.editor.createDiffEditor); Monaco's StandaloneDiffEditor2 extends this. */
export class DiffEditorWidget {
  constructor() {
    throw new Error('Monaco\'s diff editor is not bundled with this site');
  }
}

/** No multi-file diff editor is created (monaco.editor.createMultiFileDiffEditor). */
export class MultiDiffEditorWidget {
  constructor() {
    throw new Error('Monaco\'s multi-file diff editor is not bundled with this site');
  }
}

/**
 * The hover widget tests its participants with `instanceof` against these two; their real classes are registered
 * only by the colour-picker and inlay-hint contributions, which are not loaded, so no participant is one.
 */
export class ColorHoverParticipant {}
export class InlayHintsHover {}

/**
 * No quick input opens here: the command palette and quick-access contributions are not loaded, and the only other
 * callers (find's "Go to Match...", indentation's "Change Tab Display Size", paste's "Paste As...") are actions
 * bound to no key or menu in this editor. Monaco creates the service at start-up, so it must construct; a pick or
 * input resolves to nothing picked, as if the learner pressed Escape.
 */
export class StandaloneQuickInputService {
  readonly currentQuickInput = undefined;

  pick(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  input(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  createQuickPick(): never {
    throw new Error('Monaco\'s quick input is not bundled with this site');
  }

  createInputBox(): never {
    throw new Error('Monaco\'s quick input is not bundled with this site');
  }
}
