import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { t } from './i18n';
import { getMe, isCoordinator } from './session';

type FieldErrors = Record<string, string[]>;

interface FieldBase {
  id: string;
  name: string;
  label: string;
  errors: FieldErrors;
  required?: boolean;
  /** Help shown under the label and read with the field. */
  hint?: string;
  /** Language of the field's content, when it is not the interface language. */
  lang?: string;
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

function fieldHint(f: FieldBase): TemplateResult | typeof nothing {
  return f.hint ? html`<p class="hint" id=${`${f.id}-hint`}>${f.hint}</p>` : nothing;
}

interface Counted {
  value: string;
  maxlength?: number;
  /** Show "n of max characters" under the field (for long texts). */
  counter?: boolean;
}

function counter(f: FieldBase & Counted): TemplateResult | typeof nothing {
  if (!f.counter || !f.maxlength) return nothing;
  const count = f.value.length;
  return html`<p class="counter ${count >= f.maxlength ? 'full' : ''}" id=${`${f.id}-count`}>
    ${t('form.counter', { count, max: f.maxlength })}
  </p>`;
}

function describedBy(f: FieldBase & Partial<Counted>): string | typeof nothing {
  const ids = [
    f.hint ? `${f.id}-hint` : '',
    f.counter && f.maxlength ? `${f.id}-count` : '',
    invalid(f) ? errorId(f) : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export interface InputField extends FieldBase, Counted {
  type?: 'text' | 'email' | 'url' | 'tel' | 'search' | 'date' | 'datetime-local' | 'number';
  autocomplete?: string;
  inputmode?: string;
  disabled?: boolean;
  onInput(value: string): void;
}

/** A text field's frame around its control: label, hint, counter and error, all tied to the control's id. */
function countedField(f: FieldBase & Counted, control: TemplateResult): TemplateResult {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    ${fieldHint(f)} ${control} ${counter(f)} ${fieldError(f)}
  </div>`;
}

export function inputField(f: InputField): TemplateResult {
  const bad = invalid(f);
  return countedField(
    f,
    html`<input
      id=${f.id}
      name=${f.name}
      type=${f.type ?? 'text'}
      .value=${live(f.value)}
      autocomplete=${f.autocomplete ?? nothing}
      inputmode=${f.inputmode ?? nothing}
      maxlength=${f.maxlength ?? nothing}
      lang=${f.lang || nothing}
      spellcheck=${f.type === 'email' || f.type === 'url' || f.type === 'tel' ? 'false' : nothing}
      ?required=${!!f.required}
      ?disabled=${!!f.disabled}
      aria-invalid=${bad ? 'true' : nothing}
      aria-describedby=${describedBy(f)}
      @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)}
    />`,
  );
}

export interface TextareaField extends FieldBase, Counted {
  rows?: number;
  onInput(value: string): void;
}

export function textareaField(f: TextareaField): TemplateResult {
  const bad = invalid(f);
  return countedField(
    f,
    html`<textarea
      id=${f.id}
      name=${f.name}
      rows=${f.rows ?? 5}
      .value=${live(f.value)}
      maxlength=${f.maxlength ?? nothing}
      lang=${f.lang || nothing}
      ?required=${!!f.required}
      aria-invalid=${bad ? 'true' : nothing}
      aria-describedby=${describedBy(f)}
      @input=${(e: Event) => f.onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>`,
  );
}

export interface SelectField extends FieldBase {
  value: string;
  placeholder: string;
  options: { value: string; label: string }[];
  disabled?: boolean;
  onChange(value: string): void;
}

export function selectField(f: SelectField): TemplateResult {
  const bad = invalid(f);
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    ${fieldHint(f)}
    <select
      id=${f.id}
      name=${f.name}
      ?required=${!!f.required}
      ?disabled=${!!f.disabled}
      aria-invalid=${bad ? 'true' : nothing}
      aria-describedby=${describedBy(f)}
      @change=${(e: Event) => f.onChange((e.target as HTMLSelectElement).value)}
    >
      <option value="" .selected=${live(f.value === '')}>${f.placeholder}</option>
      ${f.options.map((o) => html`<option value=${o.value} .selected=${live(o.value === f.value)}>${o.label}</option>`)}
    </select>
    ${fieldError(f)}
  </div>`;
}

export interface CheckboxField extends FieldBase {
  checked: boolean;
  onChange(checked: boolean): void;
}

export function checkboxField(f: CheckboxField): TemplateResult {
  const bad = invalid(f);
  return html`<div class="field">
    <div class="check">
      <input
        id=${f.id}
        name=${f.name}
        type="checkbox"
        .checked=${live(f.checked)}
        aria-invalid=${bad ? 'true' : nothing}
        aria-describedby=${describedBy(f)}
        @change=${(e: Event) => f.onChange((e.target as HTMLInputElement).checked)}
      />
      <label for=${f.id}>${f.label}</label>
    </div>
    ${fieldHint(f)} ${fieldError(f)}
  </div>`;
}

export interface CheckboxGroup {
  id: string;
  /** Field name used for errors, e.g. "fields". */
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  selected: readonly string[];
  errors: FieldErrors;
  hint?: string;
  onChange(selected: string[]): void;
}

/** A set of checkboxes in a fieldset; the error is announced with every box. */
export function checkboxGroup(g: CheckboxGroup): TemplateResult {
  const bad = !!g.errors[g.name]?.length;
  const describe = [g.hint ? `${g.id}-hint` : '', bad ? `${g.id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const toggle = (value: string, on: boolean) => {
    const set = new Set(g.selected);
    if (on) set.add(value);
    else set.delete(value);
    // Keep the options' order, not the order of clicks.
    g.onChange(g.options.map((o) => o.value).filter((v) => set.has(v)));
  };
  return html`<fieldset class="choices" aria-describedby=${describe}>
    <legend>${g.legend}</legend>
    ${g.hint ? html`<p class="hint" id=${`${g.id}-hint`}>${g.hint}</p>` : nothing}
    ${bad ? html`<p class="field-error" id=${`${g.id}-error`}>${g.errors[g.name].join(' ')}</p>` : nothing}
    <div class="check-list">
      ${g.options.map(
        (o, i) => html`<div class="check">
          <input
            id=${`${g.id}-${i}`}
            name=${g.name}
            type="checkbox"
            value=${o.value}
            .checked=${live(g.selected.includes(o.value))}
            aria-invalid=${bad ? 'true' : nothing}
            aria-describedby=${bad ? `${g.id}-error` : nothing}
            @change=${(e: Event) => toggle(o.value, (e.target as HTMLInputElement).checked)}
          />
          <label for=${`${g.id}-${i}`}>${o.label}</label>
        </div>`,
      )}
    </div>
  </fieldset>`;
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
  return editorOnly(() => (isCoordinator() ? content() : html`<div class="notice"><p>${t('guard.notAllowed')}</p></div>`));
}

/** Content for signed-in partner editors and coordinators. */
export function editorOnly(content: () => TemplateResult): TemplateResult {
  const me = getMe();
  if (me === null) return html`<p class="muted" role="status">${t('guard.checking')}</p>`;
  if (!me.signedIn) {
    return html`<div class="notice">
      <p>${t('guard.signInNeeded')}</p>
      <p><a href="/sign-in">${t('guard.signInLink')}</a></p>
    </div>`;
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
  return html`<div class="table-scroll"><table class="data" role="table">
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
  </table></div>`;
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
