// Debian's Chromium, headless, driven by playwright-core (Playwright's own browser download is not
// used). The flags keep a browser on a closed network quiet: no QUIC, no background fetches.
import {chromium} from 'playwright-core';

export const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

/** launch() gives every browser a fresh, temporary --user-data-dir of its own. */
export function launch() {
  return chromium.launch({
    executablePath,
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
  });
}
