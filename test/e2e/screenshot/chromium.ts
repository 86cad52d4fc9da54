/**
 * Headless Chromium (Debian's `chromium` package) driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: JSON messages ending in NUL on file descriptors 3 and 4), for the screenshot
 * checks of report.html and the compare page. No network: pages are loaded from file:// URLs, and the
 * pages themselves forbid every fetch (Content-Security-Policy). A few protocol calls are all these checks
 * need, so this is a small client rather than a browser-automation library (puppeteer-core 25 wants
 * Node >= 22.12, and its 24.x line brings a browser downloader that cannot work offline).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** The Chromium executable: $CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH; null if none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser'].filter(
    (name): name is string => name !== undefined && name !== '',
  );
  for (const name of candidates) {
    const probe = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.status === 0 && /chrom/i.test(probe.stdout)) return name;
  }
  return null;
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  method: string;
}

/** A rectangle in CSS pixels of the page (not the viewport). */
export interface PageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One browser with one page. */
export class HeadlessPage {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: Array<{ method: string; resolve: () => void }> = [];
  private buffer = '';
  private sessionId: string | undefined;
  private readonly profileDir: string;
  private readonly child: ChildProcess;
  private readonly input: Writable;
  private exited = false;
  private stderr = '';

  private constructor(executable: string) {
    this.profileDir = mkdtempSync(join(tmpdir(), 'busload-chromium-'));
    this.child = spawn(
      executable,
      [
        '--headless',
        '--remote-debugging-pipe',
        // CI runs as root, where Chromium's sandbox cannot start.
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--hide-scrollbars',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--font-render-hinting=none',
        `--user-data-dir=${this.profileDir}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    this.input = this.child.stdio[3] as Writable;
    const output = this.child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.child.on('exit', () => {
      this.exited = true;
      for (const { reject, method } of this.pending.values()) {
        reject(new Error(`Chromium exited during ${method}:\n${this.stderr}`));
      }
      this.pending.clear();
    });
  }

  /** Starts Chromium and opens a page of `widthPx` x `heightPx` CSS pixels (device scale 1). */
  static async open(executable: string, widthPx: number, heightPx: number): Promise<HeadlessPage> {
    const page = new HeadlessPage(executable);
    try {
      const { targetId } = await page.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await page.send('Target.attachToTarget', { targetId, flatten: true });
      page.sessionId = sessionId as string;
      await page.send('Page.enable');
      await page.send('Emulation.setDeviceMetricsOverride', {
        width: widthPx,
        height: heightPx,
        deviceScaleFactor: 1,
        mobile: false,
      });
      return page;
    } catch (error) {
      await page.close();
      throw error;
    }
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number;
        method?: string;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      this.buffer = this.buffer.slice(end + 1);
      end = this.buffer.indexOf('\0');
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!pending) continue;
        if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
        else pending.resolve(message.result ?? {});
      } else if (message.method) {
        for (const waiter of this.waiters.filter((item) => item.method === message.method)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
  }

  /** Sends one protocol command (to the page's session once attached) and resolves with its result. */
  send(
    method: string,
    params: Record<string, unknown> = {},
    to: 'page' | 'browser' = 'page',
  ): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`Chromium is not running (${method}):\n${this.stderr}`));
    const id = this.nextId++;
    const session = to === 'page' && this.sessionId ? { sessionId: this.sessionId } : {};
    const message = { id, method, params, ...session };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.input.write(`${JSON.stringify(message)}\0`);
    });
  }

  private nextEvent(method: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
  }

  /** Loads a URL and waits for its load event. */
  async load(url: string): Promise<void> {
    const loaded = this.nextEvent('Page.loadEventFired');
    const { errorText } = await this.send('Page.navigate', { url });
    if (typeof errorText === 'string' && errorText !== '') throw new Error(`${url}: ${errorText}`);
    await loaded;
  }

  /** Evaluates an expression in the page (DevTools evaluation is not subject to the page's CSP). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
    })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.text}`);
    return result.value;
  }

  /** A PNG of a rectangle of the page (beyond the viewport too), at device scale 1. */
  async screenshot(rect: PageRect): Promise<Buffer> {
    const { data } = await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { ...rect, scale: 1 },
    });
    return Buffer.from(data as string, 'base64');
  }

  /** Closes the browser and removes its profile. */
  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.send('Browser.close', {}, 'browser').catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
