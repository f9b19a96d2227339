// The explorer as a whole: keyboard-only use, the worker recovering from a crash, accessibility, and the site
// working from a sub-path.
import AxeBuilder from '@axe-core/playwright';
import { ORIGIN, editorFor, expect, settle, steps, test } from './fixtures.ts';

test('is served from the /explorer/ sub-path with relative assets and a module worker', async ({ watched: page }) => {
  expect(page.url()).toBe(`${ORIGIN}explorer/`);
  const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((x) => x.getAttribute('src')));
  expect(scripts.every((src) => src?.startsWith('./'))).toBe(true);
  await expect(page.getByRole('region', { name: 'Node node-1' })).toBeVisible();
});

test('works from the keyboard alone', async ({ watched: page }) => {
  const apply = page.getByRole('button', { name: 'Apply' });
  const focused = (): Promise<unknown> => page.evaluate('document.activeElement?.textContent?.trim()');
  const inEditor = (): Promise<unknown> => page.evaluate('document.activeElement?.getAttribute("aria-label")?.startsWith("Contents of")');
  await editorFor(page, 'nginx-pod.yaml');
  for (let i = 0; i < 40 && (await focused()) !== 'Apply'; i++) {
    // In Monaco, Tab indents; Ctrl+M switches Tab to moving focus (as in VS Code), once.
    if (await inEditor()) await page.keyboard.press('Control+M');
    await page.keyboard.press('Tab');
  }
  await expect(apply).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('0.25');
  const pause = page.getByRole('button', { name: 'Pause' });
  await pause.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeFocused();
  const [before] = await steps(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await steps(page))[0]).toBe(before + 2);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await steps(page))[0]).toBe(before + 1);
  await page.keyboard.press('+');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('0.5');
});

test('when the engine crashes, a new one replays to the same step', async ({ watched: page }) => {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settle(page);
  const [end, known] = await steps(page);
  await page.evaluate('window.podJourney.crashEngine()');
  await expect(page.getByRole('alert').filter({ hasText: 'The engine crashed' })).toHaveText(new RegExp(`The engine crashed\\. A new one was started and replayed to step ${end}\\.`));
  await expect(page.getByRole('status', { name: 'Engine status' })).toHaveText('Engine running in a Web Worker');
  await expect.poll(() => steps(page)).toEqual([end, known]);
  await expect(page.getByRole('listitem', { name: /^Pod nginx-pod/ })).toBeVisible();
});

test('has no serious accessibility violations', async ({ watched: page }) => {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('instant');
  await page.getByRole('button', { name: 'Apply' }).click();
  await settle(page);
  await editorFor(page, 'nginx-pod.yaml');
  const check = async (): Promise<void> => {
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await check();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  for (const tab of ['Request', 'RBAC', 'Admission', 'etcd', 'Scheduler', 'Events', 'Objects']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await check();
  }
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const input = page.getByRole('textbox', { name: 'Command line' });
  await input.fill('kubectl get pods -o wide');
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('nginx-pod');
  await check();
  await page.getByRole('button', { name: 'Failures' }).click();
  await expect(page.getByRole('dialog', { name: 'Failures' })).toBeVisible();
  await check();
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await check();
});
