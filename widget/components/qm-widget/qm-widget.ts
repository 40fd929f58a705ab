// <qm-widget>: the inline quote widget (issue 4) — the visitor's whole path:
// service picker → describe the job + options with the live price → contact → done.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EstimateController } from '../../controllers/estimate-controller.ts';
import { SubmitController } from '../../controllers/submit-controller.ts';
import { format, M, messagesFor, type Messages } from '../../i18n/messages.ts';
import { detailText } from '../../i18n/server-details.ts';
import {
  createApiClient,
  WidgetApiError,
  type ApiClient,
  type Estimate,
  type WidgetConfig,
  type WidgetField,
  type WidgetService,
} from '../../internal/api-client.ts';
import { formatMoney } from '../../internal/money.ts';
import { QmElement } from '../../internal/qm-element.ts';
import { clearState, loadState, saveState } from '../../internal/saved-state.ts';
import { styles } from './qm-widget.styles.ts';

export interface QmReadyDetail {
  /** The service shown, or '' while the visitor still has to pick one. */
  service: string;
}
export interface QmErrorDetail {
  code: string;
  message: string;
}
export interface QmSubmittedDetail {
  id: string;
  number: string;
  url: string;
}

type Step = 'service' | 'options' | 'contact' | 'done';
interface Contact {
  name: string;
  email: string;
  phone: string;
  consent: boolean;
}

/** The Web Speech API where the browser has it (Chromium: prefixed); voice input is offered only then. */
interface Recognition {
  lang: string;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onend: (() => void) | null;
  start(): void;
}
const Recognition = ((globalThis as Record<string, unknown>).SpeechRecognition ?? (globalThis as Record<string, unknown>).webkitSpeechRecognition) as
  | (new () => Recognition)
  | undefined;

const NO_CONTACT: Contact = { name: '', email: '', phone: '', consent: false };

/**
 * The instant-quote widget.
 * @event qm-ready - config loaded and the first step rendered; detail `{ service }`.
 * @event qm-estimate - a new price; detail: the pricing result.
 * @event qm-submitted - the quote was stored; detail `{ id, number, url }`.
 * @event qm-error - config, price or submission failed; detail `{ code, message }`.
 * @csspart services - the service picker.
 * @csspart describe - the "describe the job" box.
 * @csspart form - the form of the service's fields.
 * @csspart price - the itemised price.
 * @csspart contact - the contact form.
 * @csspart done - the confirmation.
 * @csspart button - the primary buttons.
 * @csspart actions - the row of a step's buttons (the launcher keeps it in view).
 */
export class QmWidget extends QmElement {
  static override styles = styles;
  static override properties = {
    key: { type: String },
    service: { type: String },
    lang: { type: String },
    prefill: { type: Object },
    apiBase: { type: String, attribute: 'api-base' },
    _config: { state: true },
    _values: { state: true },
    _error: { state: true },
    _step: { state: true },
    _contact: { state: true },
    _description: { state: true },
    _note: { state: true },
    _errors: { state: true },
    _busy: { state: true },
  };

  /** Publishable key; defaults to the data-key of embed.js. */
  declare key: string;
  /** Service key; defaults to the tenant's only service, or a picker when there are several. */
  declare service: string;
  /** Language (BCP 47); defaults to the tenant's locale. */
  declare lang: string;
  /** Initial field values (attribute: JSON). */
  declare prefill: Record<string, unknown> | undefined;
  /** Where the API lives; defaults to the host embed.js came from. */
  declare apiBase: string;
  declare _config: WidgetConfig | null;
  declare _values: Record<string, unknown>;
  declare _error: QmErrorDetail | null;
  declare _step: Step;
  declare _contact: Contact;
  declare _description: string;
  /** The polite status line of the describe box. */
  declare _note: string;
  /** Inline errors by the API's detail path (`contact.email`, `fields.rooms`, `consent`). */
  declare _errors: Record<string, string>;
  /** Interpreting or listening. */
  declare _busy: boolean;

  #api: ApiClient | null = null;
  #loading: AbortController | null = null;
  #focusTitle = false;
  // Not reactive: each changes only together with a reactive property (_step, _values) that re-renders.
  /** The service picked in the picker. */
  #chosen = '';
  /** Field keys the interpretation filled in, highlighted until the visitor touches them. */
  #filled: string[] = [];
  /** The honeypot's text: when filled, the done screen without a quote. */
  #bot = '';
  readonly #estimate = new EstimateController(this, {
    fetch: (fields, signal) => this.#api!.estimate(this.#service()!.key, fields, signal),
    onDone: (estimate) => this.emit<Estimate>('qm-estimate', estimate),
  });
  readonly #submitter = new SubmitController(this, (body, key) => this.#api!.quote(this.#service()!.key, body, key));

  constructor() {
    super();
    this.key = window.QuoteMaster?.key ?? '';
    this.service = '';
    this.lang = '';
    this.apiBase = window.QuoteMaster?.base ?? new URL('/', location.href).href;
    this._config = null;
    this._values = {};
    this._error = null;
    this._step = 'options';
    this._contact = NO_CONTACT;
    this._description = '';
    this._note = '';
    this._errors = {};
    this._busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('key') || changed.has('apiBase')) {
      this.#api = this.key ? createApiClient(this.apiBase, this.key) : null;
      // A new api-base alone (the same tenant elsewhere) keeps what the visitor did.
      if (changed.has('key') || !this._config) void this.#load();
    }
  }

  protected override updated(): void {
    if (this.#focusTitle) {
      this.#focusTitle = false;
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
    if (!this._config) return;
    if (this._step === 'done') return clearState(this.key, this.service);
    saveState(this.key, this.service, {
      service: this.#service()?.key,
      step: this._step,
      values: this._values,
      contact: this._contact,
      description: this._description,
      attempt: this.#submitter.attempt,
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  /**
   * Sets field values (window.QuoteMaster.prefill) and re-prices. Before the
   * config has arrived they count as `prefill` does: progress saved in this
   * tab (sessionStorage) still wins over them.
   */
  setValues(fields: Record<string, unknown>): void {
    this._values = { ...this._values, ...fields };
    if (this.#service() && this._config) this.#estimate.request(this.#fields());
  }

  async #load(): Promise<void> {
    this.#loading?.abort();
    if (!this.#api) return;
    const abort = (this.#loading = new AbortController());
    this._error = null;
    try {
      const answer = this.#api.config(abort.signal);
      // Read while the config is on its way: a page's first sessionStorage read takes milliseconds.
      const saved = loadState(this.key, this.service);
      const config = await answer;
      if (abort.signal.aborted) return;
      for (const [name, value] of Object.entries(config.theme.tokens)) this.style.setProperty(`--qm-${name}`, value);
      if (this.service && !config.services.some((s) => s.key === this.service)) {
        throw new WidgetApiError('unknown_service', `This business offers no service "${this.service}".`, 404);
      }
      if (!this.service && config.services.some((s) => s.key === saved.service)) this.#chosen = saved.service!;
      this._config = config;
      this._contact = { ...NO_CONTACT, ...saved.contact };
      this._description = saved.description ?? '';
      this.#submitter.attempt = saved.attempt ?? null;
      const service = this.#service();
      if (service) {
        this._values = { ...defaults(service.fields), ...this.prefill, ...this._values, ...saved.values };
        this._step = saved.step === 'contact' ? 'contact' : 'options';
      } else {
        this._step = 'service';
      }
      // The first price is asked for before the form renders, so the two overlap.
      if (service) this.#estimate.request(this.#fields(), 0);
      await this.updateComplete;
      this.emit<QmReadyDetail>('qm-ready', { service: service?.key ?? '' });
    } catch (error) {
      if (abort.signal.aborted) return;
      this._error = error instanceof WidgetApiError ? error : new WidgetApiError('network_error', String(error));
      this.emit<QmErrorDetail>('qm-error', { code: this._error.code, message: this._error.message });
    }
  }

  #service(): WidgetService | undefined {
    const services = this._config?.services ?? [];
    const key = this.service || this.#chosen;
    return key ? services.find((s) => s.key === key) : services.length === 1 ? services[0] : undefined;
  }

  /** The current service's values only (others may linger from a service visited before). */
  #fields(): Record<string, unknown> {
    const keys = new Set(this.#service()?.fields.map((f) => f.key));
    return Object.fromEntries(Object.entries(this._values).filter(([key, value]) => keys.has(key) && value !== null));
  }

  /** `lang`, else the tenant's locale once the config is in. */
  protected override locale(): string {
    return this.lang || this._config?.locale || 'en';
  }

  #m(): Messages {
    return messagesFor(this.locale());
  }

  #go(step: Step): void {
    this._step = step;
    this.#focusTitle = true;
  }

  #pick(service: WidgetService): void {
    this.#chosen = service.key;
    this._values = { ...defaults(service.fields), ...this.prefill, ...this._values };
    this.#filled = [];
    this.#go('options');
    this.#estimate.request(this.#fields(), 0);
  }

  #change(field: WidgetField, value: unknown): void {
    this._values = { ...this._values, [field.key]: value };
    this.#filled = this.#filled.filter((key) => key !== field.key);
    this.#clearError(`fields.${field.key}`);
    this.#estimate.request(this.#fields());
  }

  #clearError(path: string): void {
    if (!(path in this._errors)) return;
    const { [path]: _gone, ...rest } = this._errors;
    this._errors = rest;
  }

  #setContact(part: Partial<Contact>, path: string): void {
    this._contact = { ...this._contact, ...part };
    this.#clearError(path);
  }

  async #focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #interpret(): Promise<void> {
    const service = this.#service();
    const text = this._description.trim();
    if (!service || !text || this._busy) return;
    const m = this.#m();
    this._busy = true;
    try {
      const { fields } = await this.#api!.interpret(service.key, text);
      const filled = service.fields.map((f) => f.key).filter((key) => key in fields);
      for (const key of filled) this.#clearError(`fields.${key}`);
      this._values = { ...this._values, ...Object.fromEntries(filled.map((key) => [key, fields[key]])) };
      this.#filled = filled;
      this._note = format(m[M.filledCount], filled.length);
      this.#estimate.request(this.#fields(), 0);
    } catch (error) {
      this._note = !(error instanceof WidgetApiError)
        ? (error as Error).message
        : error.code === 'quota_exceeded'
          ? m[M.noAuto] // the tenant's monthly allowance is spent: the form is the way on
          : error.status === 429
            ? format(m[M.busy], inTime(error.retryAfter || 1, this.locale()))
            : error.retryable
              ? m[M.down]
              : error.message;
    } finally {
      this._busy = false;
    }
  }

  #listen(): void {
    const recognition = new Recognition!();
    recognition.lang = this.locale();
    recognition.onresult = (event) => {
      this._description = `${this._description} ${event.results[0]?.[0]?.transcript ?? ''}`.trim();
    };
    recognition.onend = () => {
      this._busy = false;
      void this.#interpret();
    };
    this._busy = true;
    recognition.start();
  }

  #next(event: Event): void {
    event.preventDefault();
    if (this.#estimate.state === 'error' && this.#estimate.error instanceof WidgetApiError && this.#estimate.error.details.length > 0) {
      void this.#focusInvalid();
      return;
    }
    this.#go('contact');
  }

  async #send(event?: Event): Promise<void> {
    event?.preventDefault();
    const m = this.#m();
    const { name, email, phone, consent } = this._contact;
    const errors: Record<string, string> = {};
    if (!name.trim()) errors['contact.name'] = m[M.required];
    if (!email.trim()) errors['contact.email'] = m[M.required];
    if (!consent) errors.consent = m[M.required];
    this._errors = errors;
    if (Object.keys(errors).length > 0) return this.#focusInvalid();
    if (this.#bot) {
      // The honeypot is filled: a bot. It sees success; the API sees nothing (its body schema is strict anyway).
      this.#go('done');
      return;
    }
    const description = this._description.trim();
    const quote = await this.#submitter.submit({
      fields: this.#fields(),
      contact: { name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      consent: true,
      ...(description ? { description } : {}),
    });
    if (quote) {
      this.#go('done');
      this.emit<QmSubmittedDetail>('qm-submitted', { id: quote.id, number: quote.number, url: quote.url });
      return;
    }
    const error = this.#submitter.error!;
    if (error.details.length > 0) {
      this._errors = Object.fromEntries(error.details.map((d) => [d.path, detailText(d, m, this.locale())]));
      if (error.details.some((d) => d.path.startsWith('fields.'))) this.#go('options');
      return this.#focusInvalid();
    }
    this.emit<QmErrorDetail>('qm-error', { code: error.code, message: error.message });
  }

  /** Everything sits in one wrapper that sets its own text styles: a host page's `* { … !important }` reaches the host element, never inside. */
  protected override render(): TemplateResult {
    return html`<div class="qm" part="base">${this.#content()}</div>`;
  }

  #content(): TemplateResult {
    if (this._error) return this.#failure(this._error, () => void this.#load());
    const service = this.#service();
    if (!this._config) return skeleton(this.#m(), 3);
    switch (this._step) {
      case 'service':
        return this.#picker(this._config.services);
      case 'contact':
        return this.#contactStep(service!);
      case 'done':
        return this.#done();
      default:
        return this.#options(service!);
    }
  }

  /** A failed call: what happened, and a way to try again when that can help (after Retry-After). */
  #failure(error: QmErrorDetail, retry: () => void): TemplateResult {
    if (!(error instanceof WidgetApiError) || !error.retryable) return html`<p class="error" role="alert">${error.message}</p>`;
    const m = this.#m();
    const wait = error.at + error.retryAfter * 1000 - Date.now();
    if (wait > 0) setTimeout(() => this.requestUpdate(), wait);
    return html`<div class="failure">
      <p class="error" role="alert">${error.status === 429 ? format(m[M.busy], inTime(error.retryAfter || 1, this.locale())) : m[M.down]}</p>
      <button type="button" part="button" ?disabled=${wait > 0} @click=${retry}>${m[M.retry]}</button>
    </div>`;
  }

  #title(text: string): TemplateResult {
    return html`<h2 id="title" tabindex="-1">${text}</h2>`;
  }

  #picker(services: WidgetService[]): TemplateResult {
    return html`${this.#title(this.#m()[M.choose])}
      <div class="services" part="services">
        ${services.map(
          (s) => html`<button type="button" class="service" @click=${() => this.#pick(s)}>
            <strong>${s.name}</strong>${s.description ? html`<span class="help">${s.description}</span>` : nothing}
          </button>`,
        )}
      </div>`;
  }

  #options(service: WidgetService): TemplateResult {
    const m = this.#m();
    const several = !this.service && this._config!.services.length > 1;
    return html`${this.#title(service.name)}
      ${this._config!.features?.interpret ? this.#describe(m) : nothing}
      <form part="form" aria-labelledby="title" novalidate @submit=${(e: Event) => this.#next(e)}>
        ${service.fields.map((f) => this.#field(f, m))}
        <div part="price" class="price" aria-live="polite">${this.#price(m)}</div>
        <div class="actions" part="actions">
          ${several ? html`<button type="button" @click=${() => this.#go('service')}>${m[M.back]}</button>` : nothing}
          <button type="submit" part="button" class="primary">${m[M.next]}</button>
        </div>
      </form>`;
  }

  #describe(m: Messages): TemplateResult {
    return html`<div class="field describe" part="describe">
      <label for="describe">${m[M.describe]}</label>
      <textarea id="describe" rows="2" maxlength="2000" .value=${this._description}
        @input=${(e: Event) => (this._description = (e.target as HTMLTextAreaElement).value)}></textarea>
      <div class="actions">
        ${Recognition ? html`<button type="button" aria-pressed=${this._busy} ?disabled=${this._busy} @click=${() => this.#listen()}>${MIC} ${m[M.speak]}</button>` : nothing}
        <button type="button" ?disabled=${this._busy} @click=${() => void this.#interpret()}>${m[M.fillIn]}</button>
      </div>
      <p class="note" role="status">${this._note}</p>
    </div>`;
  }

  #field(field: WidgetField, m: Messages): TemplateResult {
    const id = `f-${field.key}`;
    const value = this._values[field.key];
    const filled = this.#filled.includes(field.key);
    const error = this._errors[`fields.${field.key}`] ?? this.#estimateError(field.key);
    const describedBy = [field.help && `${id}-help`, filled && `${id}-filled`, error && `${id}-error`].filter(Boolean).join(' ') || nothing;
    const invalid = error ? 'true' : nothing;
    const after = html`${field.help ? html`<span class="help" id="${id}-help">${field.help}</span>` : nothing}
    ${filled ? html`<span class="filled-note" id="${id}-filled">${m[M.filled]}</span>` : nothing}
    ${fieldError(`${id}-error`, error)}`;
    const cls = `field${filled ? ' filled' : ''}`;
    // number, area, range: a number input keeps the exact value typeable
    const num = field.type !== 'text';
    const control = html`<input type=${num ? 'number' : 'text'} inputmode=${num ? 'decimal' : nothing} id=${id}
      min=${field.min ?? nothing} max=${field.max ?? nothing} step=${num ? (field.step ?? 'any') : nothing} ?required=${field.required === true}
      aria-describedby=${describedBy} aria-invalid=${invalid} .value=${value == null ? '' : String(value)}
      @input=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        this.#change(field, !num ? input.value : input.value === '' ? null : input.valueAsNumber);
      }} />`;
    if (field.type === 'boolean' || field.type === 'multiselect') {
      const many = field.type === 'multiselect';
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      const boxes = (many ? (field.options ?? []) : [{ value: '', label: field.label }]).map(
        (o) => html`<label class="check"><input type="checkbox" id=${many ? nothing : id} aria-invalid=${invalid} aria-describedby=${many ? nothing : describedBy}
          .checked=${many ? chosen.includes(o.value) : value === true}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            this.#change(field, many ? (on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value)) : on);
          }} />${o.label}</label>`,
      );
      return many
        ? html`<fieldset class=${cls} aria-describedby=${describedBy}><legend>${field.label}</legend>${boxes}${after}</fieldset>`
        : html`<div class=${cls}>${boxes}${after}</div>`;
    }
    return html`<div class=${cls}>
      <label for=${id}>${field.label}${field.unit ? html` <span class="unit">(${field.unit})</span>` : nothing}</label>
      ${field.type === 'select'
        ? html`<select id=${id} aria-describedby=${describedBy} aria-invalid=${invalid} @change=${(e: Event) => this.#change(field, (e.target as HTMLSelectElement).value)}>
            ${(field.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
          </select>`
        : control}
      ${after}
    </div>`;
  }

  /** The estimate's own 422 detail for a field, if the last price was refused. */
  #estimateError(key: string): string | undefined {
    const error = this.#estimate.state === 'error' ? this.#estimate.error : null;
    const detail = error instanceof WidgetApiError ? error.details.find((d) => d.path === `fields.${key}`) : undefined;
    return detail && detailText(detail, this.#m(), this.locale());
  }

  #price(m: Messages): TemplateResult | typeof nothing {
    const estimate = this.#estimate.value;
    const error = this.#estimate.state === 'error' ? this.#estimate.error : null;
    if (error) {
      if (error instanceof WidgetApiError && error.details.length > 0) return html`<p class="error">${m[M.fix]}</p>`;
      return this.#failure(error as WidgetApiError, () => this.#estimate.request(this.#fields(), 0));
    }
    if (!estimate) return skeleton(m, 2);
    const money = (minor: number) => formatMoney(minor, this.locale(), estimate.currency);
    const pending = this.#estimate.state === 'pending';
    const { tax } = estimate;
    const rows = [
      ...estimate.lines.map((l) => ({ ...l, label: l.quantity !== 1 ? `${l.label} × ${l.quantity}` : l.label })),
      ...estimate.adjustments,
      ...(tax && !tax.inclusive ? [tax] : []),
    ];
    return html`<table class=${pending ? 'pending' : ''} aria-busy=${pending}>
      <tbody>
        ${rows.map((r) => html`<tr><td>${r.label}</td><td>${money(r.amount)}</td></tr>`)}
        <tr class="total"><td>${m[M.total]}</td><td data-total=${estimate.total}>${money(estimate.total)}</td></tr>
        ${estimate.range ? html`<tr><td class="range" colspan="2">${fill(m[M.range], `${money(estimate.range.low)}\u00a0–\u00a0${money(estimate.range.high)}`)}</td></tr>` : nothing}
      </tbody>
    </table>`;
  }

  #contactStep(service: WidgetService): TemplateResult {
    const m = this.#m();
    const c = this._contact;
    const estimate = this.#estimate.value;
    const error = this.#submitter.state === 'error' ? this.#submitter.error! : null;
    const input = (key: 'name' | 'email' | 'phone', type: string, label: string, autocomplete: string) => {
      const path = `contact.${key}`;
      const message = this._errors[path];
      return html`<div class="field">
        <label for="c-${key}">${label}</label>
        <input id="c-${key}" type=${type} autocomplete=${autocomplete} .value=${c[key]} ?required=${key !== 'phone'}
          aria-invalid=${message ? 'true' : nothing} aria-describedby=${message ? `c-${key}-error` : nothing}
          @input=${(e: Event) => this.#setContact({ [key]: (e.target as HTMLInputElement).value }, path)} />
        ${fieldError(`c-${key}-error`, message)}
      </div>`;
    };
    return html`${this.#title(m[M.contact])}
      ${estimate ? html`<p class="summary">${service.name} · ${m[M.total]} ${formatMoney(estimate.total, this.locale(), estimate.currency)}</p>` : nothing}
      <form part="contact" aria-labelledby="title" novalidate @submit=${(e: Event) => void this.#send(e)}>
        ${input('name', 'text', m[M.name], 'name')} ${input('email', 'email', m[M.email], 'email')} ${input('phone', 'tel', m[M.phone], 'tel')}
        <div class="field">
          <label class="check"><input id="c-consent" type="checkbox" required .checked=${c.consent}
            aria-invalid=${this._errors.consent ? 'true' : nothing} aria-describedby=${this._errors.consent ? 'c-consent-error' : nothing}
            @change=${(e: Event) => this.#setContact({ consent: (e.target as HTMLInputElement).checked }, 'consent')} />${m[M.consent]}</label>
          ${fieldError('c-consent-error', this._errors.consent)}
        </div>
        <div class="hp" aria-hidden="true">
          <label>Website <input name="website" tabindex="-1" autocomplete="off" .value=${this.#bot} @input=${(e: Event) => (this.#bot = (e.target as HTMLInputElement).value)} /></label>
        </div>
        ${error ? (error.details.length > 0 ? html`<p class="error" role="alert">${m[M.fix]}</p>` : this.#failure(error, () => void this.#send())) : nothing}
        <div class="actions" part="actions">
          <button type="button" @click=${() => this.#go('options')}>${m[M.back]}</button>
          <button type="submit" part="button" class="primary" aria-disabled=${this.#submitter.state === 'pending'}>${m[M.send]}</button>
        </div>
      </form>`;
  }

  #done(): TemplateResult {
    const m = this.#m();
    const quote = this.#bot ? null : this.#submitter.result;
    return html`<div part="done">
      ${this.#title(m[M.done])}
      ${quote
        ? html`<p role="status">${fill(m[M.doneText], quote.number)}</p>
            <p class="summary">${m[M.total]} <strong data-total=${quote.total}>${formatMoney(quote.total, this.locale(), quote.currency)}</strong></p>
            <p><a part="button" class="primary" href=${quote.url} target="_blank" rel="noopener">${m[M.view]}</a></p>`
        : nothing}
    </div>`;
  }
}

/** Grey bars standing in for content on its way. */
const skeleton = (m: Messages, bars: number): TemplateResult =>
  html`<div class="skeleton" aria-busy="true"><span class="sr">${m[M.loading]}</span>${Array.from({ length: bars }, () => html`<i></i>`)}</div>`;

/** A message with its value kept on one line: a quote number never breaks at its hyphen, a range never at its dash. */
const fill = (message: string, value: string): TemplateResult => {
  const [before, after] = message.split('{n}');
  return html`${before}<span class="nw">${value}</span>${after}`;
};

/** "in 5 seconds", "in 60 minutes": a Retry-After in the visitor's language. */
const inTime = (seconds: number, locale: string): string => {
  const minutes = seconds >= 90;
  return new Intl.RelativeTimeFormat(locale).format(minutes ? Math.ceil(seconds / 60) : seconds, minutes ? 'minute' : 'second');
};

/** The voice button's microphone (an SVG, not an emoji: no emoji font needed); the button's text names it. */
const MIC = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z"/></svg>`;

/** An inline error under a control, its id for aria-describedby. */
const fieldError = (id: string, message: string | undefined) => (message ? html`<span class="field-error" id=${id}>${message}</span>` : nothing);

function defaults(fields: WidgetField[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.default !== undefined).map((f) => [f.key, f.default]));
}

declare global {
  interface HTMLElementTagNameMap {
    'qm-widget': QmWidget;
  }
  interface GlobalEventHandlersEventMap {
    'qm-ready': CustomEvent<QmReadyDetail>;
    'qm-estimate': CustomEvent<Estimate>;
    'qm-submitted': CustomEvent<QmSubmittedDetail>;
    'qm-error': CustomEvent<QmErrorDetail>;
  }
}
