// kube-scheduler's decisions in the Scheduler inspector: the node × plugin filter table, the scores, the FitError.
import { editorFor, expect, pasteInto, setSpeed, settle, terminal, test } from './fixtures.ts';

const BIG_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big-pod\nspec:\n  containers:\n    - name: nginx\n      image: nginx\n      resources:\n        requests:\n          cpu: "100"\n';
// pkg/scheduler/framework/types.go FitError.Error with DefaultPreemption's message, for this three-node cluster.
const FIT_ERROR = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

test('a pod asking 100 CPUs shows the FitError and why each node was filtered out', async ({ watched: page }) => {
  await pasteInto(page, 'nginx-pod.yaml', BIG_POD);
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText('pod/big-pod created');
  await settle(page);
  await expect(page.getByRole('listitem', { name: 'Pod big-pod: Pending' })).toBeVisible();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('tab', { name: 'Scheduler' }).click();
  await expect(page.getByTestId('fit-error')).toHaveText(FIT_ERROR);
  const filters = page.getByRole('table', { name: /Each filter either passes a node/ });
  await expect(filters.getByRole('columnheader')).toHaveText(['Plugin', 'control-plane', 'node-1', 'node-2']);
  await expect(filters.getByRole('row', { name: /^TaintToleration/ })).toContainText('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
  await expect(filters.getByRole('row', { name: /^NodeResourcesFit/ })).toContainText('Insufficient cpu');
  // No node is feasible, so nothing is scored.
  await expect(page.getByRole('table', { name: /raw score/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByTestId('events-output')).toContainText(/Warning\s+FailedScheduling\s+pod\/big-pod\s+0\/3 nodes are available/);
});

test('a schedulable pod shows the filter table, the scores and the chosen node', async ({ watched: page }) => {
  await editorFor(page, 'nginx-pod.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settle(page);
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('tab', { name: 'Scheduler' }).click();
  const chosen = (await page.getByTestId('scheduler-chosen').textContent())?.match(/node-\d/)?.[0];
  expect(chosen).toMatch(/^node-[12]$/);
  const scores = page.getByRole('table', { name: /raw score/ });
  await expect(scores.getByRole('columnheader')).toHaveText(['Plugin', 'node-1', 'node-2']);
  await expect(scores.getByRole('row', { name: /^Total/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Objects' }).click();
  await page.getByRole('combobox', { name: 'Object' }).selectOption('/registry/pods/default/nginx-pod');
  await expect(page.getByTestId('object-yaml')).toContainText(`nodeName: ${chosen}`);
  await expect(page.getByText('$ kubectl get pods nginx-pod -o yaml')).toBeVisible();
});
