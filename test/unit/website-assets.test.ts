/**
 * The website's stylesheet and scripts come from GOV.UK Frontend, the npm package pinned in
 * package.json, by scripts/build-assets.ts, and from nowhere else: what is in web/static/assets
 * (what CloudFront and the local gateway serve) is exactly what a fresh build gives, it names the
 * pinned version, and it carries this service's settings (its own fonts, no GDS Transport, no
 * crown, nothing loaded from elsewhere).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ASSETS_FOLDER, buildAssets, installedGovukFrontendVersion } from '../../scripts/build-assets.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const pinned = packageJson.devDependencies['govuk-frontend'] ?? '';
const served = (name: string): string => readFileSync(path.join(ASSETS_FOLDER, name), 'utf8');

describe('the website’s assets, built from the pinned govuk-frontend', () => {
  it('govuk-frontend is pinned to one exact version, v6, and that version is installed', async () => {
    assert.match(pinned, /^6\.\d+\.\d+$/, `pinned exactly, not a range: ${pinned}`);
    assert.equal(await installedGovukFrontendVersion(), pinned, 'node_modules has the pinned version: run npm ci');
  });

  it('what is served is exactly what a fresh build gives, and nothing else is there', async () => {
    const fresh = await buildAssets();
    assert.deepEqual(readdirSync(ASSETS_FOLDER).sort(), [...fresh.keys()].sort(), 'run npm run assets');
    for (const [name, content] of fresh) assert.ok(served(name) === content, `web/static/assets/${name} is not a fresh build: run npm run assets`);
  });

  it('the stylesheet and the script name the pinned version', () => {
    // GOV.UK Frontend's own custom property, written by its Sass.
    assert.ok(served('site.css').includes(`--govuk-frontend-version: "${pinned}"`), 'site.css from the pinned Sass');
    for (const name of ['site.css', 'site.js']) assert.ok(served(name).startsWith(`/*! GOV.UK Frontend ${pinned} `), `${name} banner`);
  });

  it('has the service’s own settings: the system’s fonts, no GDS Transport, no crown, nothing from elsewhere', () => {
    const css = served('site.css');
    assert.match(css, /font-family:\s*-apple-system,\s*BlinkMacSystemFont/);
    assert.doesNotMatch(css, /GDS Transport|@font-face/);
    assert.doesNotMatch(css, /\.govuk-(header|footer|logo)\b|__crown/, 'nothing of GOV.UK’s own header, footer or crown');
    assert.doesNotMatch(css, /url\(\s*["']?(https?:)?\/\//, 'no url() outside the site');
    assert.doesNotMatch(served('site.js'), /https?:\/\/(?!www\.bbc\.co\.uk\/weather)[a-z]/i, 'the script reaches nowhere but the quick exit');
  });

  it('the script starts GOV.UK Frontend’s components, and keeps the service’s own behaviour', () => {
    const js = served('site.js');
    for (const module of ['govuk-button', 'govuk-character-count', 'govuk-checkboxes', 'govuk-error-summary', 'govuk-notification-banner', 'govuk-radios', 'govuk-skip-link']) {
      assert.ok(js.includes(`"${module}"`), module);
    }
    assert.ok(js.includes('data-exit-link') && js.includes('location.replace'), 'the quick exit');
  });
});
