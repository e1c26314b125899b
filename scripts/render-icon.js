#!/usr/bin/env node
// Renders media/icon.svg to the 128x128 media/icon.png the Marketplace needs, with headless Chromium.
'use strict';
const fs = require('fs');
const path = require('path');
const { launchChromium } = require('../test/harness/code-server');

(async () => {
  const svg = fs.readFileSync(path.join(__dirname, '..', 'media', 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const out = path.join(__dirname, '..', 'media', 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${out} (${fs.statSync(out).size} bytes)`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
