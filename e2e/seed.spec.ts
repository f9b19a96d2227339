// The first page a learner sees: apply the seed's pod, as the admin and as alice.
import { expect, test, type Page } from '@playwright/test';

function watchPage(page: Page): { errors: string[]; foreign: string[] } {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1:4173/')) foreign.push(r.url()); });
  return { errors, foreign };
}

test('applying nginx-pod.yaml as kubernetes-admin walks the whole apiserver chain', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status')).toHaveText('201: pod/nginx-pod created');
  const trace = page.getByRole('list', { name: 'trace' });
  await expect(trace).toContainText('kubectl → kube-apiserver: POST /api/v1/namespaces/default/pods');
  await expect(trace).toContainText('authenticated by token-file as kubernetes-admin');
  await expect(trace).toContainText('mutating admission ServiceAccount: ok');
  await expect(trace).toContainText('etcd txn /registry/pods/default/nginx-pod');
  await page.screenshot({ path: 'test-results/screenshots/apply-admin.png', fullPage: true });
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('alice is denied with the exact Kubernetes 403 text', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto('./');
  await page.getByLabel('kubeconfig user').selectOption('alice');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status')).toHaveText('403: pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  await page.screenshot({ path: 'test-results/screenshots/apply-alice-denied.png', fullPage: true });
  expect(seen.errors).toEqual([]);
});
