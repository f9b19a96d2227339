// Pictures of the main states for docs/screenshots (run with UPDATE_SCREENSHOTS=1 to refresh them there).
// Reduced motion parks each packet mid-edge, so the pictures do not depend on animation timing.
import type { Page } from '@playwright/test';
import { chooseUser, editorFor, expect, pasteInto, problems, setSpeed, settle, steps, test } from './fixtures.ts';

const dir = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';

test.use({ reducedMotion: 'reduce' });

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/** Steps until the narration matches. */
async function stepUntil(page: Page, narration: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (narration.test((await page.getByTestId('narration').textContent()) ?? '')) return;
    const [before] = await steps(page);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect.poll(async () => (await steps(page))[0]).toBe(before + 1);
  }
  throw new Error(`never reached ${String(narration)}`);
}

async function applyPaused(page: Page): Promise<void> {
  await setSpeed(page, '0.25');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
}

async function inspect(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

test('screenshots of the seed story', async ({ watched: page }) => {
  await editorFor(page, 'nginx-pod.yaml');
  await shoot(page, '01-ready');

  await applyPaused(page);
  await stepUntil(page, /^kubectl sends the object to the API server/);
  await shoot(page, '02-post-in-flight');

  await stepUntil(page, /^Mutating admission: ServiceAccount changes/);
  await page.getByRole('button', { name: 'Inspect →' }).click();
  await expect(page.getByRole('table', { name: 'ServiceAccount: Object before → after' })).toBeVisible();
  await page.getByRole('table', { name: 'ServiceAccount: Object before → after' }).scrollIntoViewIfNeeded();
  await shoot(page, '03-mutating-admission');

  await stepUntil(page, /^Storage: the API server writes/);
  await page.getByRole('button', { name: 'Inspect →' }).click();
  await page.getByRole('button', { name: 'default/nginx-pod' }).click();
  await expect(page.getByRole('button', { name: /^rev \d+ · v1$/ })).toBeVisible();
  await shoot(page, '04-etcd-write');

  await page.getByRole('tab', { name: 'Manifests' }).click();
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Play' }).click();
  await settle(page);
  await shoot(page, '05-scheduled-running');

  await inspect(page, 'Scheduler');
  await page.getByRole('button', { name: 'Widen the panel' }).click();
  await expect(page.getByTestId('scheduler-chosen')).toBeVisible();
  await page.getByRole('region', { name: 'Scores' }).scrollIntoViewIfNeeded();
  await shoot(page, '09-scheduler-table');

  await inspect(page, 'etcd');
  await page.getByRole('button', { name: 'default/nginx-pod' }).click();
  await page.getByRole('button', { name: /^Diff from rev/ }).click();
  await page.getByRole('table', { name: /^\/registry\/pods\/default\/nginx-pod: rev/ }).scrollIntoViewIfNeeded();
  await shoot(page, '10-etcd-diff');

  await inspect(page, 'Events');
  await expect(page.getByTestId('events-output')).toContainText('Started');
  await shoot(page, '11-events');

  await inspect(page, 'Objects');
  await page.getByRole('combobox', { name: 'Object' }).selectOption('/registry/pods/default/nginx-pod');
  await expect(page.getByTestId('object-yaml')).toContainText('nodeName');
  await shoot(page, '12-object-yaml');
});

test('screenshots of a denial and editing', async ({ watched: page }) => {
  await chooseUser(page, 'alice');
  await editorFor(page, 'nginx-pod.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settle(page);
  await expect(problems(page)).toContainText('403 Forbidden');
  await shoot(page, '06-alice-denied');
  await page.getByRole('button', { name: 'Inspect →' }).click();
  await shoot(page, '07-alice-rbac-inspector');

  await page.getByRole('tab', { name: 'Manifests' }).click();
  await pasteInto(page, 'nginx-pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n     image: nginx\n');
  await expect(problems(page)).toContainText('Line 8');
  await shoot(page, '08-yaml-error');

  await pasteInto(page, 'nginx-pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n      image: nginx\n      imagee: nginx\n');
  await expect(problems(page)).toContainText('Property imagee is not allowed.');
  await page.getByTestId('monaco').getByText('image', { exact: true }).hover();
  await expect(page.getByText(/^Container image name\. More info:/)).toBeVisible();
  await page.screenshot({ path: `${dir}/13-monaco-schema.png` });
});

test('screenshots of the gallery and its stories', async ({ watched: page }) => {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await expect(page.getByRole('dialog', { name: 'Scenarios' })).toBeVisible();
  await shoot(page, '14-gallery');

  await page.goto('./?scenario=pod-100-cpu');
  await editorFor(page, 'big-pod.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: /^Run: / }).click();
  await settle(page);
  await inspect(page, 'Scheduler');
  await expect(page.getByTestId('fit-error')).toBeVisible();
  await shoot(page, '15-fit-error');

  await page.goto('./?scenario=deployment');
  await editorFor(page, 'web-deployment.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: /^Run: / }).click();
  await settle(page);
  await shoot(page, '16-deployment');
});

test('screenshots of the terminal and a failure', async ({ watched: page }) => {
  await setSpeed(page, 'instant');
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const input = page.getByRole('textbox', { name: 'Command line' });
  for (const line of ['kubectl apply -f nginx-pod.yaml', 'kubectl get pods -o wide', 'ssh control-plane', 'etcdctl get /registry/pods --prefix --keys-only']) {
    await input.fill(line);
    await input.press('Enter');
    await settle(page);
  }
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('/registry/pods/default/nginx-pod');
  await page.getByRole('button', { name: 'Widen the panel' }).click();
  await shoot(page, '17-terminal');
  await page.getByRole('button', { name: 'Narrow the panel' }).click();

  await page.getByRole('button', { name: 'Failures' }).click();
  await page.getByRole('switch', { name: 'kubelet on node-1 running' }).click();
  await settle(page);
  await expect(page.getByText('NotReady')).toBeVisible();
  await shoot(page, '18-kubelet-stopped');
});
