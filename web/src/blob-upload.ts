/* Sends a file straight to Blob storage through an upload slot's SAS (the valet key):
   blocks in parallel, each retried a few times, then the block list. The API never sees the bytes. */

/** The slot (POST /api/materials/{id}/versions/{language}/uploads) says where and how to send the file. */
import type { UploadSlotView } from './api/schema';

export type TransferResult =
  | { ok: true }
  // status 0: no HTTP answer (network error, or aborted); code: storage's x-ms-error-code.
  | { ok: false; status: number; code: string | null; aborted: boolean };

export interface BlobTransfer {
  done: Promise<TransferResult>;
  abort(): void;
}

/** Attempts per request before the upload is given up. */
const ATTEMPTS = 4;
const RETRY_DELAY_MS = 500;

/** Worth another try: the network, a timeout, throttling, or a passing server fault. 403 (an expired SAS) is not. */
function retryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Block ids must all have the same length: "block-000042", base64. */
function blockId(index: number): string {
  return btoa(`block-${String(index).padStart(6, '0')}`);
}

interface Sent {
  status: number;
  code: string | null;
}

export function uploadBlocks(slot: UploadSlotView, file: Blob, onProgress: (sent: number, total: number) => void): BlobTransfer {
  const size = Math.max(1, slot.blockSize);
  const count = Math.max(1, Math.ceil(file.size / size));
  const sent = new Array<number>(count).fill(0);
  const running = new Set<XMLHttpRequest>();
  let aborted = false;
  let failed: Sent | null = null;
  const waking = new Set<() => void>();

  const report = () =>
    onProgress(
      sent.reduce((a, b) => a + b, 0),
      file.size,
    );

  function send(
    url: string,
    body: Blob | string,
    headers: Record<string, string>,
    progress?: (loaded: number) => void,
  ): Promise<Sent> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      running.add(xhr);
      const settle = (status: number) => {
        running.delete(xhr);
        resolve({ status, code: status ? xhr.getResponseHeader('x-ms-error-code') : null });
      };
      xhr.open('PUT', url);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      if (progress) xhr.upload.onprogress = (e) => progress(e.loaded);
      xhr.onload = () => settle(xhr.status);
      xhr.onerror = () => settle(0);
      xhr.onabort = () => settle(0);
      xhr.ontimeout = () => settle(0);
      xhr.send(body);
    });
  }

  /** Waits before a retry; an abort ends the wait at once. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        window.clearTimeout(timer);
        waking.delete(wake);
        resolve();
      };
      const timer = window.setTimeout(wake, ms);
      waking.add(wake);
    });
  }

  async function withRetries(attempt: () => Promise<Sent>, onRetry: () => void): Promise<Sent> {
    let result: Sent = { status: 0, code: null };
    for (let i = 0; i < ATTEMPTS && !aborted && !failed; i++) {
      if (i > 0) {
        onRetry();
        await pause(RETRY_DELAY_MS * 2 ** (i - 1) * (0.75 + Math.random() / 2));
        if (aborted || failed) break;
      }
      result = await attempt();
      if ((result.status >= 200 && result.status < 300) || !retryable(result.status)) return result;
    }
    return result;
  }

  async function worker(next: () => number | null): Promise<void> {
    for (let index = next(); index !== null && !aborted && !failed; index = next()) {
      const i = index;
      const start = i * size;
      const part = file.slice(start, Math.min(file.size, start + size));
      const url = `${slot.uploadUrl}&comp=block&blockid=${encodeURIComponent(blockId(i))}`;
      const result = await withRetries(
        () =>
          send(url, part, {}, (loaded) => {
            sent[i] = loaded;
            report();
          }),
        () => {
          sent[i] = 0;
          report();
        },
      );
      if (result.status >= 200 && result.status < 300) {
        sent[i] = part.size;
        report();
      } else if (!aborted && !failed) {
        failed = result;
      }
    }
  }

  async function run(): Promise<TransferResult> {
    let nextIndex = 0;
    const next = () => (nextIndex < count ? nextIndex++ : null);
    await Promise.all(Array.from({ length: Math.min(Math.max(1, slot.parallelism), count) }, () => worker(next)));
    if (aborted) return { ok: false, status: 0, code: null, aborted: true };
    if (failed) return { ok: false, status: failed.status, code: failed.code, aborted: false };
    const list = Array.from({ length: count }, (_, i) => `<Latest>${blockId(i)}</Latest>`).join('');
    const committed = await withRetries(
      () =>
        send(`${slot.uploadUrl}&comp=blocklist`, `<?xml version="1.0" encoding="utf-8"?><BlockList>${list}</BlockList>`, {
          // Describes the blob; the API decides the type from the content when it commits.
          'x-ms-blob-content-type': file.type || 'application/octet-stream',
        }),
      () => undefined,
    );
    if (aborted) return { ok: false, status: 0, code: null, aborted: true };
    if (committed.status >= 200 && committed.status < 300) return { ok: true };
    return { ok: false, status: committed.status, code: committed.code, aborted: false };
  }

  return {
    done: run(),
    abort: () => {
      aborted = true;
      for (const wake of [...waking]) wake();
      for (const xhr of [...running]) xhr.abort();
    },
  };
}
