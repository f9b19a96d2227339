// Shared by the browser specs: every page is watched for console errors and for requests leaving its origin,
// and fails the test on either. Helpers drive the page the way a person does (roles, labels, visible text).
import { expect, test as base, type Locator, type Page } from '@playwright/test';

export const ORIGIN = 'http://127.0.0.1:4173/';

export const test = base.extend<{ watched: Page }>({
  watched: async ({ page }, use) => {
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith(ORIGIN) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
    await page.goto('./');
    await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText('Engine running in a Web Worker');
    await use(page);
    expect(errors, 'console errors').toEqual([]);
    expect(foreign, 'requests leaving the origin').toEqual([]);
  },
});

export { expect };

export function stepText(page: Page): Locator {
  return page.getByText(/^step \d+ \/ \d+$/);
}

/** The step counter as numbers: [shown, known]. */
export async function steps(page: Page): Promise<[number, number]> {
  const m = /^step (\d+) \/ (\d+)$/.exec((await stepText(page).textContent()) ?? '');
  return [Number(m?.[1]), Number(m?.[2])];
}

export async function chooseUser(page: Page, user: string): Promise<void> {
  await page.getByLabel('kubeconfig user').selectOption(user);
}

export async function setSpeed(page: Page, speed: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
}

/** Waits until playback has stopped (an "instant" run pauses where the story settles). */
export async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 15_000 });
  let last = -1;
  await expect.poll(async () => {
    const [shown] = await steps(page);
    const stable = shown === last && shown > 0;
    last = shown;
    return stable;
  }, { intervals: [250] }).toBe(true);
}

export function stages(page: Page): Locator {
  return page.getByRole('list', { name: 'kube-apiserver stages' }).getByRole('listitem');
}

export function terminal(page: Page): Locator {
  return page.getByRole('log', { name: 'kubectl output' });
}

export const FORBIDDEN_ALICE = 'Error from server (Forbidden): error when creating "nginx-pod.yaml": pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"';
