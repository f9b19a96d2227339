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

/** The Monaco editor of a file, once it has loaded (its hidden textarea carries the accessible name). */
export async function editorFor(page: Page, file: string): Promise<Locator> {
  await expect(page.getByTestId('monaco')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const box = page.getByRole('textbox', { name: `Contents of ${file}` });
  await expect(box).toBeAttached();
  return box;
}

/** Replaces a file's text the way a person pastes it: select all, then paste (no auto-indent of typed lines). */
export async function pasteInto(page: Page, file: string, text: string): Promise<void> {
  const box = await editorFor(page, file);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  // Runs in the page (DOM types are not in this file's lib, hence the minimal shapes).
  await box.evaluate((el, value) => {
    interface Page { DataTransfer: new () => { setData(type: string, text: string): void }; ClipboardEvent: new (type: string, init: object) => object }
    const w = globalThis as unknown as Page;
    const data = new w.DataTransfer();
    data.setData('text/plain', value);
    (el as unknown as { dispatchEvent(e: object): boolean }).dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The editor's Problems list, as text. */
export function problems(page: Page): Locator {
  return page.getByRole('region', { name: 'Problems' });
}

/** What the editor shows, line by line (Monaco renders spaces as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  const text = await page.getByTestId('monaco').locator('.view-lines').innerText();
  return text.replace(/\u00a0/g, ' ');
}
