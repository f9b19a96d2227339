// Pictures of the main states for docs/screenshots (run with UPDATE_SCREENSHOTS=1 to refresh them there).
// Reduced motion parks each packet mid-edge, so the pictures do not depend on animation timing.
import type { Page } from '@playwright/test';
import { chooseUser, expect, setSpeed, settle, steps, test } from './fixtures.ts';

const dir = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';

test.use({ reducedMotion: 'reduce' });

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/** Applies as kubernetes-admin, pauses, and steps until the narration matches. */
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

test('screenshots of the main states', async ({ watched: page }) => {
  await shoot(page, '01-ready');

  await applyPaused(page);
  await stepUntil(page, /^kubectl sends the object to the API server/);
  await shoot(page, '02-post-in-flight');

  await stepUntil(page, /^Mutating admission: ServiceAccount changes/);
  await page.getByRole('button', { name: 'Inspect →' }).click();
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
});

test('screenshots of a denial and an editing error', async ({ watched: page }) => {
  await chooseUser(page, 'alice');
  await setSpeed(page, 'instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settle(page);
  await shoot(page, '06-alice-denied');
  await page.getByRole('button', { name: 'Inspect →' }).click();
  await shoot(page, '07-alice-rbac-inspector');

  await page.getByRole('tab', { name: 'Manifests' }).click();
  const editor = page.getByRole('textbox', { name: 'Contents of nginx-pod.yaml' });
  await editor.fill('apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n     image: nginx\n');
  await expect(page.getByRole('alert')).toBeVisible();
  await shoot(page, '08-yaml-error');
});
