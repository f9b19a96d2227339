// The seed's story in the browser: apply nginx-pod.yaml and watch it pass every kube-apiserver stage in order;
// alice is refused with Kubernetes' exact 403; going back and scrubbing reproduce the same state.
import { FORBIDDEN_ALICE, chooseUser, expect, setSpeed, settle, stages, steps, terminal, test } from './fixtures.ts';

const STAGE_ORDER = ['Authentication', 'Authorization (RBAC)', 'Mutating admission', 'Validation', 'Validating admission', 'Storage'];

test('applying nginx-pod.yaml as kubernetes-admin visits every apiserver stage in order', async ({ watched: page }) => {
  await expect(page.getByRole('figure', { name: 'Control-plane diagram' })).toBeVisible();
  const [start] = await steps(page);
  await setSpeed(page, '0.25');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  // Back to the moment before the first request, then walk forward one event at a time.
  while ((await steps(page))[0] > start) await page.getByRole('button', { name: 'Step back' }).click();
  const visited: string[] = [];
  for (let i = 0; i < 60; i++) {
    const [before, total] = await steps(page);
    if (before === total) break;
    await page.getByRole('button', { name: 'Step forward' }).click();
    // Read the stages only once the page shows the new step (the click returns before React renders it).
    await expect.poll(async () => (await steps(page))[0]).toBeGreaterThan(before);
    const [shown, known] = await steps(page);
    const busy = await stages(page).evaluateAll((items) => items
      .map((li) => li.getAttribute('aria-label') ?? '')
      .filter((l) => l.endsWith(': active') || l.endsWith(': denied'))
      .map((l) => l.replace(/: (active|denied)$/, '')));
    for (const s of busy) if (visited[visited.length - 1] !== s) visited.push(s);
    if (shown === known) break;
  }
  // kubectl apply first GETs the pod (authn → authz → storage: 404), then POSTs it through the whole chain.
  const post = visited.slice(visited.lastIndexOf('Authentication'));
  expect(post).toEqual(STAGE_ORDER);
  await expect(terminal(page)).toContainText('pod/nginx-pod created');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Play' }).click();
  await settle(page);
  // kube-scheduler binds it to a worker node, whose kubelet has containerd pull and start nginx.
  await expect(page.getByRole('listitem', { name: 'Pod nginx-pod: Running' })).toBeVisible();
  await expect(page.getByRole('list', { name: /^Pods on node-\d$/ }).getByRole('listitem', { name: 'Pod nginx-pod: Running' })).toBeVisible();
});

test('alice is refused with the exact Kubernetes 403 at the Authorization stage', async ({ watched: page }) => {
  await chooseUser(page, 'alice');
  await expect(page.getByRole('figure', { name: 'Control-plane diagram' })).toContainText('alice');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(terminal(page)).toContainText(FORBIDDEN_ALICE);
  await settle(page);
  await expect(stages(page).filter({ hasText: 'Authorization (RBAC)' })).toHaveAttribute('aria-label', 'Authorization (RBAC): denied');
  await expect(page.getByRole('note')).toContainText('pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  await page.getByRole('button', { name: 'Inspect →' }).click();
  await expect(page.getByRole('tab', { name: 'RBAC' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('rbac-denial')).toContainText('pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  await expect(page.getByRole('tabpanel', { name: 'RBAC' })).toContainText('RoleBinding/default/alice-reads-pods');
});

test('step back and scrubbing reproduce the same state', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settle(page);
  const [end] = await steps(page);
  const narration = page.getByTestId('narration');
  const atEnd = await narration.textContent();
  const etcd = page.getByText(/^revision \d+$/);
  const revAtEnd = await etcd.textContent();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect.poll(async () => (await steps(page))[0]).toBe(end - 1);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  const origin = Number(await timeline.getAttribute('min'));
  await timeline.fill(String(origin + 2));
  await expect.poll(async () => (await steps(page))[0]).toBe(2);
  await expect(page.getByRole('listitem', { name: /^Pod nginx-pod/ })).toHaveCount(0);
  await timeline.fill(String(origin + end));
  await expect.poll(async () => (await steps(page))[0]).toBe(end);
  await expect(narration).toHaveText(atEnd ?? '');
  await expect(etcd).toHaveText(revAtEnd ?? '');
  await expect(page.getByRole('listitem', { name: /^Pod nginx-pod/ })).toBeVisible();
});
