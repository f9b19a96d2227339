import { beforeEach, describe, expect, it } from 'vitest';
import { addFile, deleteFile, editFile, fileNameProblem, openScenario, renameFile, resetEditor, useEditor } from './editorStore.ts';

const files = [{ name: 'nginx-pod.yaml', content: 'kind: Pod\n' }, { name: 'rbac.yaml', content: 'kind: Role\n' }];

describe('editorStore', () => {
  beforeEach(() => {
    resetEditor();
    openScenario('nginx-pod', files, ['kubernetes-admin', 'alice']);
  });

  it('adds untitled files, renames and deletes them, but never the scenario\'s own', () => {
    expect(addFile()).toBe('untitled-1.yaml');
    expect(addFile()).toBe('untitled-2.yaml');
    expect(useEditor.getState().active).toBe('untitled-2.yaml');
    expect(fileNameProblem('rbac.yaml')).toBe('taken');
    expect(fileNameProblem(' ')).toBe('empty');
    expect(fileNameProblem('a/b.yaml')).toBe('slash');
    expect(renameFile('untitled-2.yaml', 'deployment.yaml')).toBe(true);
    expect(useEditor.getState().active).toBe('deployment.yaml');
    expect(renameFile('rbac.yaml', 'roles.yaml')).toBe(false);
    deleteFile('rbac.yaml');
    deleteFile('deployment.yaml');
    expect(useEditor.getState().files.map((f) => f.name)).toEqual(['nginx-pod.yaml', 'rbac.yaml', 'untitled-1.yaml']);
    expect(useEditor.getState().active).toBe('untitled-1.yaml');
  });

  it('opens a shared link\'s files and user without touching the learner\'s own edits', () => {
    editFile('nginx-pod.yaml', 'kind: Pod # mine\n');
    openScenario('nginx-pod', files, ['kubernetes-admin', 'alice'], { key: 'abc', files: [{ name: 'nginx-pod.yaml', content: 'kind: Pod # shared\n' }], user: 'alice' });
    expect(useEditor.getState()).toMatchObject({ scenario: 'nginx-pod@abc', user: 'alice', files: [{ name: 'nginx-pod.yaml', content: 'kind: Pod # shared\n' }, files[1]] });
  });
});
