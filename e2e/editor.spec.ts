// The Monaco editor: schema validation, markers for YAML and API errors, tabs, and the RBAC fix made in the editor.
import { FORBIDDEN_ALICE, chooseUser, editorFor, editorText, expect, pasteInto, problems, setSpeed, settle, terminal, test } from './fixtures.ts';

const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n     image: nginx\n';

test('alice is denied with the exact 403, the Role is fixed in the editor, and alice succeeds', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  await chooseUser(page, 'alice');
  await editorFor(page, 'nginx-pod.yaml');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText(FORBIDDEN_ALICE);
  await settle(page);
  // The Status message is marked at the object's name in the file.
  await expect(problems(page)).toContainText('Line 4, column 3');
  await expect(problems(page)).toContainText('403 Forbidden: pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');

  // The admin adds `create` to the Role alice is bound to, typing in the editor.
  await page.getByRole('tab', { name: 'rbac.yaml' }).click();
  const rbac = await editorFor(page, 'rbac.yaml');
  await rbac.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(', "create"');
  expect((await editorText(page)).split('\n')[8]).toBe('  verbs: ["get", "list", "watch", "create"]');
  await chooseUser(page, 'kubernetes-admin');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText('role.rbac.authorization.k8s.io/pod-reader configured');
  await settle(page);

  await page.getByRole('tab', { name: 'nginx-pod.yaml' }).click();
  await chooseUser(page, 'alice');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText('pod/nginx-pod created');
  await settle(page);
  await expect(page.getByRole('listitem', { name: /^Pod nginx-pod: / })).toBeVisible();
  await expect(problems(page)).not.toContainText('403');
});

test('invalid YAML is marked at its line, told in the narration, and survives a reload', async ({ watched: page }) => {
  await pasteInto(page, 'nginx-pod.yaml', BROKEN);
  await expect(problems(page)).toContainText(/Line 8, column \d+/);
  await expect(page.getByTestId('monaco').locator('.squiggly-error')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText('error: error parsing nginx-pod.yaml: error converting YAML to JSON: yaml: line 8');
  await expect(page.getByTestId('narration')).toContainText(/kubectl could not read nginx-pod\.yaml, so nothing was sent\. YAML error at line 8, column \d+/);
  expect(await editorText(page)).toBe(BROKEN.trimEnd());
  await page.reload();
  await editorFor(page, 'nginx-pod.yaml');
  await expect.poll(() => editorText(page)).toBe(BROKEN.trimEnd());
  await expect(problems(page)).toContainText(/Line 8, column \d+/);
  await page.getByRole('button', { name: 'Reset file' }).click();
  await expect(problems(page)).toContainText('No problems');
});

test('the schema validates fields, and a 422 is marked at the field it names', async ({ watched: page }) => {
  await pasteInto(page, 'nginx-pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n      imagee: nginx\n');
  // monaco-yaml's worker validates against the generated Kubernetes schema (no "Missing requestHandler" error).
  await expect(problems(page)).toContainText('Line 8, column 7');
  await expect(problems(page)).toContainText('Property imagee is not allowed.');
  await pasteInto(page, 'nginx-pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n');
  await expect(problems(page)).toContainText('No problems');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText('The Pod "nginx-pod" is invalid: spec.containers[0].image: Required value');
  await settle(page);
  await expect(problems(page)).toContainText('Line 7, column 7');
  await expect(problems(page)).toContainText('422 Invalid: spec.containers[0].image: Required value');
});

test('completion and hover documentation come from the Kubernetes schema', async ({ watched: page }) => {
  const box = await editorFor(page, 'nginx-pod.yaml');
  await box.focus();
  // At the end of `image: nginx` (line 8), a new line inside the container: its fields are offered.
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('option', { name: /imagePullPolicy/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('monaco').getByText('image', { exact: true }).hover();
  await expect(page.getByText(/^Container image name\. More info:/)).toBeVisible();
});

test('files can be added, renamed and deleted; the scenario\'s own stay', async ({ watched: page }) => {
  await editorFor(page, 'nginx-pod.yaml');
  await page.getByRole('button', { name: 'New file' }).click();
  await expect(page.getByRole('tab', { name: 'untitled-1.yaml' })).toHaveAttribute('aria-selected', 'true');
  await editorFor(page, 'untitled-1.yaml');
  await page.getByRole('button', { name: 'Rename file' }).click();
  const name = page.getByRole('textbox', { name: 'File name' });
  await name.fill('settings.yaml');
  await name.press('Enter');
  await expect(page.getByRole('tab', { name: 'settings.yaml' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'settings.yaml' })).toBeVisible();
  await page.getByRole('tab', { name: 'settings.yaml' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete file' }).click();
  await expect(page.getByRole('tab', { name: 'settings.yaml' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'rbac.yaml' }).click();
  await expect(page.getByRole('button', { name: 'Delete file' })).toHaveCount(0);
});
