// The terminal: the source document's commands typed as a person types them, and failures switched on from the header.
import { chooseUser, expect, setSpeed, settle, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function openTerminal(page: Page) {
  await page.getByRole('tab', { name: 'Terminal' }).click();
  return page.getByRole('textbox', { name: 'Command line' });
}

function screen(page: Page) {
  return page.getByRole('log', { name: 'Terminal output' });
}

test('the seed story typed in the terminal: apply, get, field selector, etcdctl on control-plane, crictl on the node', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  const input = await openTerminal(page);
  // An example puts its command on the line; running it folds the examples away.
  await page.getByRole('group', { name: 'Examples' }).getByRole('button', { name: 'kubectl get pods', exact: true }).click();
  await expect(input).toHaveValue('kubectl get pods');
  await input.press('Enter');
  await expect(screen(page)).toContainText('No resources found in default namespace.');
  await expect(page.getByRole('group', { name: 'Examples' })).toBeHidden();

  await input.fill('kubectl apply -f nginx-pod.yaml');
  await input.press('Enter');
  await expect(screen(page)).toContainText('pod/nginx-pod created');
  await settle(page);
  await expect(page.getByRole('listitem', { name: /^Pod nginx-pod: Running/ })).toBeVisible();

  await input.fill('kubectl get pods -o wide');
  await input.press('Enter');
  await expect(screen(page)).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
  await expect(screen(page)).toContainText(/nginx-pod\s+1\/1\s+Running\s+0/);

  await input.fill('kubectl get pods --field-selector=status.phase=Pending');
  await input.press('Enter');
  await expect(screen(page).getByText('No resources found in default namespace.')).toHaveCount(2);

  // History: ↑ brings back the last command.
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get pods --field-selector=status.phase=Pending');
  await input.fill('');

  await input.fill('ssh control-plane');
  await input.press('Enter');
  await expect(page.getByText(/@control-plane/).last()).toBeVisible();
  await input.fill('etcdctl get /registry/pods --prefix --keys-only');
  await input.press('Enter');
  await expect(screen(page)).toContainText('/registry/pods/default/nginx-pod');
  await input.fill('exit');
  await input.press('Enter');

  // Tab completes what can only be one thing.
  await input.fill('ssh node-');
  await input.press('Tab');
  await expect(screen(page).locator('..')).toContainText('node-1');
  await input.fill('ssh node-1');
  await input.press('Enter');
  await input.fill('crictl ps');
  await input.press('Enter');
  await expect(screen(page)).toContainText(/CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD/);

  // Ctrl+L clears the screen (the output stays in the trace and share link).
  await input.press('Control+l');
  await expect(screen(page)).not.toContainText('crictl ps');
});

test('alice may list pods but not create them: the terminal prints the API server\'s answer', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  await chooseUser(page, 'alice');
  const input = await openTerminal(page);
  await input.fill('kubectl auth can-i create pods');
  await input.press('Enter');
  await expect(screen(page).getByText('no', { exact: true })).toBeVisible();
  await input.fill('kubectl delete pod nginx-pod');
  await input.press('Enter');
  await expect(screen(page)).toContainText('Error from server (Forbidden): pods "nginx-pod" is forbidden: User "alice" cannot delete resource "pods" in API group "" in the namespace "default"');
});

test('a stopped kubelet: the node goes NotReady after the grace period, and starts again', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Failures' }).click();
  const panel = page.getByRole('dialog', { name: 'Failures' });
  const kubelet = panel.getByRole('switch', { name: 'kubelet on node-1 running' });
  await expect(kubelet).toHaveAttribute('aria-checked', 'true');
  await kubelet.click();
  await settle(page);
  await expect(kubelet).toHaveAttribute('aria-checked', 'false');
  const node = page.getByRole('region', { name: 'Node node-1' });
  // The kubelet card (drawn inside the node's group) says so at once; the Node's status follows 50 s later.
  await expect(page.getByText('stopped', { exact: true })).toBeVisible();
  await expect(node.getByText('NotReady')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Node node-2' }).getByText('Ready', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: /Failures/ })).toContainText('1');
});

test('kubectl get pods -w streams each change of the pod applied from the editor, until Ctrl+C', async ({ watched: page }) => {
  await setSpeed(page, '8');
  const input = await openTerminal(page);
  await input.fill('kubectl get pods -w');
  await input.press('Enter');
  await expect(page.getByText('Watching: each change arrives as a watch event. Ctrl+C stops.')).toBeVisible();
  await page.getByRole('tab', { name: 'Manifests' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await setSpeed(page, 'instant');
  await expect(screen(page)).toContainText(/nginx-pod\s+0\/1\s+Pending/);
  await expect(screen(page)).toContainText(/nginx-pod\s+0\/1\s+ContainerCreating/);
  await expect(screen(page)).toContainText(/nginx-pod\s+1\/1\s+Running/);
  await input.press('Control+c');
  await expect(screen(page)).toContainText('^C');
  await expect(page.getByText('Watching: each change arrives as a watch event. Ctrl+C stops.')).toBeHidden();
});

test('kubectl describe pod prints the pod and its events', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  const input = await openTerminal(page);
  await input.fill('kubectl apply -f nginx-pod.yaml');
  await input.press('Enter');
  await settle(page);
  await input.fill('kubectl describe pod nginx-pod');
  await input.press('Enter');
  await expect(screen(page)).toContainText(/Name:\s+nginx-pod/);
  await expect(screen(page)).toContainText(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/nginx-pod to node-1/);
});
