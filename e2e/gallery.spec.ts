// The scenario gallery and the Share link.
import { ORIGIN, editorFor, expect, problems, setSpeed, settle, steps, terminal, test } from './fixtures.ts';

test('the gallery opens a scenario, whose suggested steps run from the page', async ({ watched: page }) => {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await expect(dialog.getByRole('link')).toHaveText([
    /kubectl apply -f nginx-pod\.yaml/, /alice is denied, then the Role is fixed/, /a pod asking 100 CPUs/, /ErrImagePull/, /CrashLoopBackOff/, /a Deployment of 3 replicas/,
  ]);
  await dialog.getByRole('link', { name: /a Deployment of 3 replicas/ }).click();
  await expect(page).toHaveURL(`${ORIGIN}explorer/?scenario=deployment`);
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText('Engine running in a Web Worker');
  await editorFor(page, 'web-deployment.yaml');
  await expect(page.getByTestId('narration')).toContainText('Step 1 of 1: Create the Deployment web with 3 replicas.');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Run: apply web-deployment.yaml as kubernetes-admin' }).click();
  await expect(terminal(page)).toContainText('deployment.apps/web created');
  await settle(page);
  await expect(page.getByRole('listitem', { name: /^Pod web-[a-z0-9]+-[a-z0-9]{5}: Running$/ })).toHaveCount(3);
});

test('ErrImagePull and CrashLoopBackOff scenarios end where Kubernetes would', async ({ watched: page }) => {
  await page.goto('./?scenario=err-image-pull');
  await editorFor(page, 'typo-pod.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: /^Run: / }).click();
  await settle(page);
  await expect(page.getByRole('listitem', { name: /^Pod typo-pod: (ErrImagePull|ImagePullBackOff)$/ })).toBeVisible();
  await page.goto('./?scenario=crashloop');
  await editorFor(page, 'crasher.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: /^Run: / }).click();
  await settle(page);
  await expect(page.getByRole('listitem', { name: /^Pod crasher: (CrashLoopBackOff|Error)$/ })).toBeVisible();
});

test('a Share link replays the session to the same step, with the same files', async ({ watched: page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?scenario=alice-denied');
  await editorFor(page, 'nginx-pod.yaml');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Run: apply nginx-pod.yaml as alice' }).click();
  await expect(terminal(page)).toContainText('Error from server (Forbidden)');
  await settle(page);
  const [step, known] = await steps(page);
  const narration = await page.getByTestId('narration').textContent();
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Share' }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/explorer\/#session=v1\.[A-Za-z0-9_-]+$/);
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('status', { name: 'Engine status' })).toHaveText('Engine running in a Web Worker');
  await expect.poll(() => steps(other)).toEqual([step, known]);
  await expect(other.getByTestId('narration')).toHaveText(narration ?? '');
  await expect(other.getByLabel('kubeconfig user')).toHaveValue('alice');
  await editorFor(other, 'nginx-pod.yaml');
  await expect(problems(other)).toContainText('403 Forbidden');
  await other.close();
});
