import { problemMessage, type ApiResult } from './api';
import { t } from './i18n';

/**
 * The state of a search or list page: the last answer stays on screen while the next one loads (so a clicked
 * filter keeps its place and focus), and only the newest request may write its answer, whatever order the
 * answers arrive in.
 */
export class ListState<T> {
  data: T | null;
  error: string | null = null;
  busy = false;
  private sequence = 0;

  constructor(initial: T | null = null) {
    this.data = initial;
  }

  /**
   * Sends a request; its answer is kept only if no newer one was sent meanwhile. Resolves true when this answer
   * was the one kept.
   */
  async load(send: () => Promise<ApiResult<T>>, isValid: (data: T) => boolean = (data) => !!data): Promise<boolean> {
    const mine = ++this.sequence;
    this.busy = true;
    this.error = null;
    const result = await send();
    if (mine !== this.sequence) return false;
    this.busy = false;
    if (result.ok && isValid(result.data)) {
      this.data = result.data;
    } else {
      this.error = result.ok ? t('error.generic') : problemMessage(result);
      this.data = null;
    }
    return true;
  }
}
