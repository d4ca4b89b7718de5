// Browser tests of veille's pages: a real `veille serve` on loopback over the demo corpus,
// Debian's Chromium driven by playwright-core. Run by .ci/run (`npm test` here), after
// `cargo build --release`.
//
// Environment: VEILLE_BIN (default ../target/release/veille), CHROMIUM (default
// /usr/bin/chromium), SCREENSHOTS (default ./screenshots).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const bin = process.env.VEILLE_BIN || join(repo, 'target', 'release', 'veille');
const shots = process.env.SCREENSHOTS || join(here, 'screenshots');
const token = 'e2e-write-token';

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

// Every page, with a selector that must be visible on it.
const pages = [
  ['search', '/?q=Tokayev', 'ol.hits li.hit'],
  ['search-filters', '/?q=Astana&lang=fr', 'p.active-filters'],
  ['document', '/documents/fr-otsc-sommet-astana', '.text .ent-per'],
  ['entities', '/entities', 'table.entities'],
  ['entity', '/entities/Tokayev', 'svg.chart'],
  ['claims', '/claims', 'section.claim-group'],
  ['timeline', '/timeline', 'ol.timeline li.item'],
  ['map', '/map', 'svg.worldmap path.country.c5'],
];

let dir;
let server;
let base;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veille-e2e-'));
  mkdirSync(shots, { recursive: true });
  execFileSync(bin, ['ingest', '--db', join(dir, 'kb'), join(repo, 'examples')], { stdio: 'inherit' });
  server = spawn(bin, ['serve', '--db', join(dir, 'kb'), '--addr', '127.0.0.1:0', '--write-token', token], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  base = await new Promise((ok, fail) => {
    let err = '';
    const timer = setTimeout(() => fail(new Error(`veille serve did not start: ${err}`)), 30000);
    server.stderr.on('data', (chunk) => {
      err += chunk;
      const m = err.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    server.on('exit', (code) => fail(new Error(`veille serve exited (${code}): ${err}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A page that records console errors, uncaught exceptions and failed requests.
async function watchedPage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { context, page, problems };
}

for (const [name, viewport] of Object.entries(viewports)) {
  test(`every page renders cleanly at ${viewport.width}x${viewport.height}`, async () => {
    for (const [page_name, path, selector] of pages) {
      const { context, page, problems } = await watchedPage(viewport);
      const response = await page.goto(base + path);
      assert.equal(response.status(), 200, `${path}`);
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: 5000 });
      // Usable: nothing wider than the screen (the page never scrolls sideways).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} at ${viewport.width}px is ${overflow}px too wide`);
      await page.screenshot({ path: join(shots, `${page_name}-${name}.png`) });
      assert.deepEqual(problems, [], `${path}: ${problems.join('; ')}`);
      await context.close();
    }
  });
}

test('search, then a document, then an entity, by clicking', async () => {
  const { context, page, problems } = await watchedPage(viewports.desktop);
  await page.goto(base + '/');
  await page.fill('input[name=q]', 'OTSC');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/q=OTSC/);
  const hit = page.locator('ol.hits a.hit-title').first();
  await hit.click();
  await page.waitForURL(/\/documents\//);
  await page.locator('.text').waitFor();
  // The removed boilerplate is there on demand.
  const removed = page.locator('details.removed');
  if (await removed.count()) {
    await removed.locator('summary').click();
    await removed.locator('table').waitFor({ state: 'visible' });
  }
  const person = page.locator('.text a.ent-per').first();
  const name = (await person.textContent()).trim();
  await person.click();
  await page.waitForURL(/\/entities\//);
  const heading = await page.locator('h1').textContent();
  const names = await page.locator('ul.aliases').textContent();
  assert.ok(heading.includes(name) || names.includes(name), `${name} not on its entity page: ${heading}`);
  // From the entity page, its timeline.
  await page.click('text=its timeline');
  await page.waitForURL(/\/timeline\?entity=/);
  assert.match(await page.locator('h1').textContent(), /Timeline of/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a filter chip removes its filter', async () => {
  const { context, page, problems } = await watchedPage(viewports.phone);
  await page.goto(base + '/?q=Astana&lang=ru');
  const before_total = await page.locator('p.total').textContent();
  await page.click('p.active-filters a.chip');
  await page.waitForURL((url) => !url.search.includes('lang='));
  const after_total = await page.locator('p.total').textContent();
  assert.notEqual(before_total, after_total);
  assert.deepEqual(problems, []);
  await context.close();
});

test('markup inside a document is shown, never run', async () => {
  const evil = {
    id: 'e2e-evil',
    text: 'Un titre <script>window.__pwned = 1</script>\n\nTokaïev a dit « <img src=x onerror="window.__pwned=2"> » à Astana.',
  };
  const response = await fetch(base + '/api/ingest', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(evil),
  });
  assert.equal(response.status, 200, await response.text());
  const { context, page } = await watchedPage(viewports.desktop);
  await page.goto(base + '/documents/e2e-evil');
  await page.locator('.text').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.match(await page.locator('.text').textContent(), /<script>window.__pwned = 1<\/script>/);
  assert.equal(await page.locator('.text script, .text img').count(), 0);
  await context.close();
});

test('an unknown document is a clear 404 page', async () => {
  const { context, page } = await watchedPage(viewports.desktop);
  const response = await page.goto(base + '/documents/no-such-document');
  assert.equal(response.status(), 404);
  assert.match(await page.locator('p.error').textContent(), /no document "no-such-document"/);
  await context.close();
});

test('merge and split from the entity page, with the token', async () => {
  const { context, page, problems } = await watchedPage(viewports.desktop);
  await page.goto(base + '/entities/Astana');
  const id = (await page.locator('p.entity-id code').textContent()).trim();
  await page.fill('form[action$="/merge"] input[name=from]', 'Almaty');
  await page.fill('form[action$="/merge"] input[name=token]', token);
  await page.click('form[action$="/merge"] button');
  await page.waitForLoadState();
  const names = await page.locator('ul.aliases').textContent();
  assert.match(names, /Almaty/, 'merged name listed');
  await page.selectOption('form[action$="/split"] select[name=name]', 'Almaty');
  await page.fill('form[action$="/split"] input[name=token]', token);
  await page.click('form[action$="/split"] button');
  await page.waitForLoadState();
  assert.doesNotMatch(await page.locator('ul.aliases').textContent(), /Almaty/);
  assert.ok(page.url().endsWith(`/entities/${id}`), `back on ${id}: ${page.url()}`);
  // A wrong token is refused with a page that says why.
  await page.fill('form[action$="/merge"] input[name=from]', 'Almaty');
  await page.fill('form[action$="/merge"] input[name=token]', 'wrong');
  await page.click('form[action$="/merge"] button');
  await page.waitForLoadState();
  assert.match(await page.locator('p.error').textContent(), /token/);
  // The refusal itself is the one expected HTTP error.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await context.close();
});
