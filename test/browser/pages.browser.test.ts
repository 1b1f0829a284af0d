/**
 * The HTML report and the explorable page in headless Chromium (Debian `chromium`, driven by
 * playwright-core): opened from file://, every request recorded (only file: and data: allowed),
 * the slider moved by keyboard and by fill, and the numbers shown checked against the library's
 * own functions and a brute-force count over the raw scores. Screenshots go to test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { exploreData, exploreFormat, explorePage, exploreStats, report, type ExploreData } from '../../src/report/index.js';
import { bruteMetrics, fixtureAds, fixtureAudit, fixtureCells } from '../report/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = resolve('test-artifacts');

if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} not found (install the Debian package "chromium")`);
}

describe.skipIf(!hasChromium)('pages in headless Chromium (skipped when /usr/bin/chromium is absent)', () => {
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  const requests: string[] = [];
  const errors: string[] = [];
  const ads = fixtureAds();
  const base = ads.filter((a) => !a.twinOf);
  let data: ExploreData;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'adscreen-browser-'));
    profile = mkdtempSync(join(tmpdir(), 'adscreen-chromium-profile-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    data = exploreData(ads, { provenance: { generatorVersion: '0.1.0', seed: 7, scenarioHash: 'fixture' } });
    writeFileSync(join(dir, 'explore.html'), explorePage(data));
    const html = await report({ audit: fixtureAudit(0.5), experiment: { name: 'sweep', sweepField: 'confounding.strength', cells: fixtureCells() } });
    writeFileSync(join(dir, 'report.html'), html.content);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 800 },
    });
    context.on('request', (r) => requests.push(r.url()));
    context.on('weberror', (e) => errors.push(String(e.error())));
    // anything that is not a local file or inline data is recorded above and then refused
    await context.route(/^(?!file:|data:)/, (route) => route.abort());
  });

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(join(dir, file)).href);
    return page;
  }

  function offline(): void {
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  }

  /** The numbers the page shows, per group. */
  async function shown(page: Page): Promise<Array<Record<string, string>>> {
    // page functions are strings: the project's TypeScript config has no DOM types
    return page.evaluate(`[...document.querySelectorAll('#groups-table tbody tr')].map((r) => {
      const out = { group: r.getAttribute('data-group') };
      r.querySelectorAll('[data-field]').forEach((c) => (out[c.getAttribute('data-field')] = c.textContent));
      return out;
    })`);
  }

  /** What the library says the page should show at a setting. */
  function expected(bin: number, prevalence: number, volume: number): Array<Record<string, string>> {
    return exploreStats(data, { bin, prevalence, volume }).groups.map((g) => ({
      group: g.group,
      per10k: exploreFormat.per10k(g.benignFlaggedPer10k),
      wrongShare: exploreFormat.share(g.wrongFlagShare),
      wrongFlags: exploreFormat.count(g.wrongFlagsPerMonth),
      missed: exploreFormat.count(g.missedPerMonth),
    }));
  }

  /** Flags per 10,000 benign ads counted directly from the raw scores. */
  function brutePer10k(threshold: number): string[] {
    return data.groups.map((g) => {
      const m = bruteMetrics(
        base.filter((a) => a.group === g.group),
        threshold,
      );
      return exploreFormat.per10k(m.fpr === null || m.fpr === undefined ? null : 10_000 * m.fpr);
    });
  }

  /** What the audit stage says for the same threshold, prevalence and volume, formatted as the page formats. */
  function fromAudit(threshold: number, prevalence: number, volume: number): Array<Record<string, string>> {
    const result = audit({
      labels: base.map((a) => a.label),
      scores: base.map((a) => a.score),
      groups: { language: base.map((a) => a.group) },
      threshold,
      bootstrap: 0,
      prevalence,
      volume,
    });
    return (result.harm?.groups['language'] ?? []).map((h) => ({
      group: h.group,
      per10k: exploreFormat.per10k(h.benignFlaggedPer10k),
      wrongShare: exploreFormat.share(h.wrongFlagShare),
      wrongFlags: exploreFormat.count(h.wrongFlagsPerMonth),
      missed: exploreFormat.count(h.missedPerMonth),
    }));
  }

  const byGroup = (rows: Array<Record<string, string>>): Array<Record<string, string>> =>
    [...rows].sort((a, b) => String(a['group']).localeCompare(String(b['group'])));

  it('the explorable page shows the library numbers and follows the keyboard, fill and prevalence controls', async () => {
    const page = await open('explore.html');
    const slider = page.locator('#threshold');
    const volume = data.volume;

    // initial state
    expect(await page.locator('#threshold-out').textContent()).toBe('0.500');
    expect(await shown(page)).toEqual(expected(500, 0.01, volume));
    expect((await shown(page)).map((r) => r['per10k'])).toEqual(brutePer10k(0.5));

    // keyboard: Tab reaches the slider, which shows a visible focus ring; arrows move it one bin each
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement && document.activeElement.id')) !== 'threshold'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('threshold');
    const outline = await page.evaluate("getComputedStyle(document.getElementById('threshold')).outlineStyle");
    expect(outline).not.toBe('none');
    for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
    expect(await slider.inputValue()).toBe('525');
    expect(await page.locator('#threshold-out').textContent()).toBe('0.525');
    expect(await shown(page)).toEqual(expected(525, 0.01, volume));
    expect((await shown(page)).map((r) => r['per10k'])).toEqual(brutePer10k(0.525));

    // fill jumps to a threshold; the summary (aria-live) and the FPR gap follow
    await slider.fill('321');
    expect(await shown(page)).toEqual(expected(321, 0.01, volume));
    expect((await shown(page)).map((r) => r['per10k'])).toEqual(brutePer10k(0.321));
    const stats = exploreStats(data, { bin: 321, prevalence: 0.01, volume });
    expect(await page.locator('#fpr-gap').textContent()).toBe(exploreFormat.gap(stats.fprGap));
    expect(Number(await page.locator('#threshold-line').getAttribute('x1'))).toBeCloseTo(321, 6);
    const summary = await page.locator('#summary').textContent();
    expect(summary).toContain('Threshold 0.321');
    expect(summary).toContain(`${stats.twinFlips.toLocaleString('en-US')} of ${stats.twinPairs.toLocaleString('en-US')} twin pairs change flag`);
    expect(await page.locator('#twin-flips').textContent()).toBe(`${stats.twinFlips.toLocaleString('en-US')} of ${stats.twinPairs.toLocaleString('en-US')}`);

    // twin pairs: each side's flag follows score >= threshold
    const pairs: Array<{ a: number; b: number; flip: string; flags: string[] }> = await page.evaluate(`[...document.querySelectorAll('.twin-pair')].map((e) => ({
      a: Number(e.getAttribute('data-score-a')),
      b: Number(e.getAttribute('data-score-b')),
      flip: e.getAttribute('data-flip'),
      flags: [...e.querySelectorAll('.flag')].map((f) => f.textContent),
    }))`);
    expect(pairs).toHaveLength(data.twins.length);
    for (const p of pairs) {
      expect(p.flags).toEqual([p.a >= 0.321 ? 'FLAGGED' : 'not flagged', p.b >= 0.321 ? 'FLAGGED' : 'not flagged']);
      expect(p.flip).toBe(p.a >= 0.321 !== p.b >= 0.321 ? 'yes' : 'no');
    }

    // prevalence: one step up the choices changes the wrong-flag shares and misses
    const prevalence = page.locator('#prevalence');
    await prevalence.focus();
    await page.keyboard.press('ArrowRight');
    const p2 = data.prevalenceChoices[data.prevalenceChoices.indexOf(0.01) + 1] as number;
    expect(await page.locator('#prevalence-out').textContent()).toBe(exploreFormat.prevalence(p2));
    expect(await shown(page)).toEqual(expected(321, p2, volume));

    // monthly volume
    await page.locator('#volume').fill('250000');
    expect(await shown(page)).toEqual(expected(321, p2, 250000));
    // and the audit stage, run on the raw scores at the same settings, agrees with what is shown
    expect(byGroup(await shown(page))).toEqual(byGroup(fromAudit(0.321, p2, 250000)));

    // ends of the slider
    await slider.focus();
    await page.keyboard.press('End');
    expect(await shown(page)).toEqual(expected(1000, p2, 250000));
    await page.keyboard.press('Home');
    expect(await shown(page)).toEqual(expected(0, p2, 250000));

    await slider.fill('500');
    await page.screenshot({ path: join(ARTIFACTS, 'explore-page.png'), fullPage: false });
    await page.evaluate("document.getElementById('twins-h').scrollIntoView()");
    await page.screenshot({ path: join(ARTIFACTS, 'explore-page-twins.png'), fullPage: false });
    await page.close();
    offline();
  });

  it('the HTML report renders its charts offline', async () => {
    const page = await open('report.html');
    expect(await page.title()).toContain('(synthetic data)');
    expect(await page.locator('.banner').textContent()).toMatch(/^SYNTHETIC DATA: .*generator version 0\.1\.0, seed 7, scenario hash abc123/);
    const charts = await page.locator('figure[data-chart] svg').count();
    expect(charts).toBeGreaterThanOrEqual(9);
    // the first chart is laid out with a real size and shows its title
    const box = await page.locator('figure[data-chart="fpr-fnr-language"] svg').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(await page.locator('figure[data-chart="fpr-fnr-language"]').textContent()).toContain('False positive and false negative rates by language');
    await page.evaluate(`document.querySelector('figure[data-chart="fpr-fnr-language"]').scrollIntoView()`);
    await page.screenshot({ path: join(ARTIFACTS, 'report-page.png'), fullPage: false });
    await page.close();
    offline();
  });
});
