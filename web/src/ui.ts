import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { t } from './i18n';
import { getMe } from './session';

type FieldErrors = Record<string, string[]>;

interface FieldBase {
  id: string;
  name: string;
  label: string;
  errors: FieldErrors;
  required?: boolean;
}

function errorId(f: FieldBase): string {
  return `${f.id}-error`;
}

function fieldError(f: FieldBase): TemplateResult | typeof nothing {
  const messages = f.errors[f.name];
  if (!messages?.length) return nothing;
  return html`<p class="field-error" id=${errorId(f)}>${messages.join(' ')}</p>`;
}

function invalid(f: FieldBase): boolean {
  return !!f.errors[f.name]?.length;
}

export interface InputField extends FieldBase {
  value: string;
  type?: 'text' | 'email' | 'url';
  autocomplete?: string;
  inputmode?: string;
  onInput(value: string): void;
}

export function inputField(f: InputField): TemplateResult {
  const bad = invalid(f);
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <input
      id=${f.id}
      name=${f.name}
      type=${f.type ?? 'text'}
      .value=${live(f.value)}
      autocomplete=${f.autocomplete ?? nothing}
      inputmode=${f.inputmode ?? nothing}
      spellcheck=${f.type === 'email' || f.type === 'url' ? 'false' : nothing}
      ?required=${!!f.required}
      aria-invalid=${bad ? 'true' : nothing}
      aria-describedby=${bad ? errorId(f) : nothing}
      @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)}
    />
    ${fieldError(f)}
  </div>`;
}

export interface TextareaField extends FieldBase {
  value: string;
  rows?: number;
  onInput(value: string): void;
}

export function textareaField(f: TextareaField): TemplateResult {
  const bad = invalid(f);
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <textarea
      id=${f.id}
      name=${f.name}
      rows=${f.rows ?? 5}
      .value=${live(f.value)}
      ?required=${!!f.required}
      aria-invalid=${bad ? 'true' : nothing}
      aria-describedby=${bad ? errorId(f) : nothing}
      @input=${(e: Event) => f.onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${fieldError(f)}
  </div>`;
}

export interface SelectField extends FieldBase {
  value: string;
  placeholder: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
}

export function selectField(f: SelectField): TemplateResult {
  const bad = invalid(f);
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <select
      id=${f.id}
      name=${f.name}
      ?required=${!!f.required}
      aria-invalid=${bad ? 'true' : nothing}
      aria-describedby=${bad ? errorId(f) : nothing}
      @change=${(e: Event) => f.onChange((e.target as HTMLSelectElement).value)}
    >
      <option value="" .selected=${live(f.value === '')}>${f.placeholder}</option>
      ${f.options.map((o) => html`<option value=${o.value} .selected=${live(o.value === f.value)}>${o.label}</option>`)}
    </select>
    ${fieldError(f)}
  </div>`;
}

/** Polite status region; keep it rendered so changes are announced. */
export function statusRegion(message: string | null): TemplateResult {
  return html`<p class="status" role="status" aria-live="polite">${message ?? ''}</p>`;
}

export function alertBox(message: string | null, extra?: TemplateResult): TemplateResult | typeof nothing {
  if (!message) return nothing;
  return html`<div class="alert" role="alert"><p>${message}</p>${extra ?? nothing}</div>`;
}

export function loading(): TemplateResult {
  return html`<p class="muted" role="status">${t('site.loading')}</p>`;
}

/** After a failed submit, move focus to the first invalid field of the form. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (first) first.focus();
}

/** Disabling the submit button drops focus to <body>; put it back. */
export function restoreFocus(form: HTMLFormElement | null): void {
  if (!form) return;
  if (document.activeElement === document.body || document.activeElement === null) {
    form.querySelector<HTMLElement>('button[type="submit"]')?.focus();
  }
}

/**
 * Coordinator-only content: shows the right state while the session is
 * loading, when signed out, or when signed in with another role.
 */
export function coordinatorOnly(content: () => TemplateResult): TemplateResult {
  const me = getMe();
  if (me === null) return html`<p class="muted" role="status">${t('guard.checking')}</p>`;
  if (!me.signedIn) {
    return html`<div class="notice">
      <p>${t('guard.signInNeeded')}</p>
      <p><a href="/sign-in">${t('guard.signInLink')}</a></p>
    </div>`;
  }
  if (me.role !== 'coordinator') {
    return html`<div class="notice"><p>${t('guard.notAllowed')}</p></div>`;
  }
  return content();
}

export interface Column<T> {
  label: string;
  cell(row: T): TemplateResult | string;
}

/**
 * A data table that becomes stacked cards on narrow screens. Explicit ARIA
 * roles keep table semantics when CSS changes the display type.
 */
export function dataTable<T>(columns: Column<T>[], rows: T[], caption?: string): TemplateResult {
  return html`<table class="data" role="table">
    ${caption ? html`<caption class="visually-hidden">${caption}</caption>` : nothing}
    <thead role="rowgroup">
      <tr role="row">
        ${columns.map((c) => html`<th role="columnheader" scope="col">${c.label}</th>`)}
      </tr>
    </thead>
    <tbody role="rowgroup">
      ${rows.map(
        (row) => html`<tr role="row">
          ${columns.map((c) => html`<td role="cell" data-label=${c.label}>${c.cell(row)}</td>`)}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Only http(s) URLs may become links. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
