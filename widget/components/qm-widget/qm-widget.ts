// <qm-widget>: the inline quote widget (issue 4, first slice) — the service's
// fields as native controls and the live, itemised price.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EstimateController } from '../../controllers/estimate-controller.ts';
import { createApiClient, type ApiClient, type Estimate, type WidgetConfig, type WidgetField, type WidgetService } from '../../internal/api-client.ts';
import { formatMoney } from '../../internal/money.ts';
import { QmElement } from '../../internal/qm-element.ts';
import { styles } from './qm-widget.styles.ts';

export interface QmReadyDetail {
  service: string;
}
export interface QmErrorDetail {
  code: string;
  message: string;
}

/**
 * The instant-quote widget.
 * @event qm-ready - config loaded and the form rendered; detail `{ service }`.
 * @event qm-estimate - a new price; detail: the pricing result.
 * @event qm-error - config or price could not be fetched; detail `{ code, message }`.
 * @csspart form - the form of the service's fields.
 * @csspart price - the itemised price.
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
  };

  /** Publishable key; defaults to the data-key of embed.js. */
  declare key: string;
  /** Service key; defaults to the tenant's first service. */
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

  #api: ApiClient | null = null;
  #loading: AbortController | null = null;
  readonly #estimate = new EstimateController(this, {
    fetch: (fields, signal) => this.#api!.estimate(this.#service()!.key, fields, signal),
    onDone: (estimate) => this.emit<Estimate>('qm-estimate', estimate),
  });

  constructor() {
    super();
    this.key = window.QuoteMaster?.key ?? '';
    this.service = '';
    this.lang = '';
    this.apiBase = window.QuoteMaster?.base ?? new URL('/', location.href).href;
    this._config = null;
    this._values = {};
    this._error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('key') || changed.has('apiBase')) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  /** Sets field values (window.QuoteMaster.prefill) and re-prices. */
  setValues(fields: Record<string, unknown>): void {
    this._values = { ...this._values, ...fields };
    this.#estimate.request(this._values);
  }

  async #load(): Promise<void> {
    this.#loading?.abort();
    if (!this.key) return;
    const abort = (this.#loading = new AbortController());
    this.#api = createApiClient(this.apiBase, this.key);
    try {
      const config = await this.#api.config(abort.signal);
      if (abort.signal.aborted) return;
      for (const [name, value] of Object.entries(config.theme.tokens)) this.style.setProperty(`--qm-${name}`, value);
      this._config = config;
      this._error = null;
      const service = this.#service();
      if (!service) throw Object.assign(new Error(`This business offers no service "${this.service}".`), { code: 'unknown_service' });
      this._values = { ...defaults(service.fields), ...this.prefill, ...this._values };
      await this.updateComplete;
      this.emit<QmReadyDetail>('qm-ready', { service: service.key });
      this.#estimate.request(this._values, 0);
    } catch (error) {
      if (abort.signal.aborted) return;
      this._error = { code: (error as { code?: string }).code ?? 'network_error', message: (error as Error).message };
      this.emit<QmErrorDetail>('qm-error', this._error);
    }
  }

  #service(): WidgetService | undefined {
    const services = this._config?.services ?? [];
    return this.service ? services.find((s) => s.key === this.service) : services[0];
  }

  #locale(): string {
    return this.lang || this._config?.locale || 'en';
  }

  #change(field: WidgetField, value: unknown): void {
    this._values = { ...this._values, [field.key]: value };
    this.#estimate.request(this._values);
  }

  protected override render(): TemplateResult {
    const service = this.#service();
    if (this._error) return html`<p class="error" role="alert">${this._error.message}</p>`;
    if (!this._config || !service) return html`<p aria-busy="true">…</p>`;
    return html`
      <h2 id="title">${service.name}</h2>
      <form part="form" aria-labelledby="title" @submit=${(e: Event) => e.preventDefault()}>${service.fields.map((f) => this.#field(f))}</form>
      <div part="price" class="price" aria-live="polite">${this.#price()}</div>
    `;
  }

  #field(field: WidgetField): TemplateResult {
    const id = `f-${field.key}`;
    const value = this._values[field.key];
    const help = field.help ? html`<span class="help" id="${id}-help">${field.help}</span>` : nothing;
    const describedBy = field.help ? `${id}-help` : nothing;
    switch (field.type) {
      case 'boolean':
        return html`<div class="field">
          <label class="check"><input type="checkbox" id=${id} .checked=${value === true} aria-describedby=${describedBy}
            @change=${(e: Event) => this.#change(field, (e.target as HTMLInputElement).checked)} />${field.label}</label>${help}
        </div>`;
      case 'select':
        return html`<div class="field">
          <label for=${id}>${field.label}</label>
          <select id=${id} aria-describedby=${describedBy} @change=${(e: Event) => this.#change(field, (e.target as HTMLSelectElement).value)}>
            ${(field.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
          </select>${help}
        </div>`;
      case 'multiselect': {
        const chosen = Array.isArray(value) ? (value as string[]) : [];
        return html`<fieldset class="field" aria-describedby=${describedBy}>
          <legend>${field.label}</legend>
          ${(field.options ?? []).map(
            (o) => html`<label class="check"><input type="checkbox" .checked=${chosen.includes(o.value)}
              @change=${(e: Event) => this.#change(field, (e.target as HTMLInputElement).checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))} />${o.label}</label>`,
          )}${help}
        </fieldset>`;
      }
      case 'text':
        return html`<div class="field">
          <label for=${id}>${field.label}</label>
          <input type="text" id=${id} .value=${String(value ?? '')} aria-describedby=${describedBy}
            @input=${(e: Event) => this.#change(field, (e.target as HTMLInputElement).value)} />${help}
        </div>`;
      default: {
        // number, area, range: a number input keeps the exact value typeable
        const unit = field.unit ? html`<span class="unit">${field.unit}</span>` : nothing;
        return html`<div class="field">
          <label for=${id}>${field.label}${field.unit ? html` <span class="unit">(${field.unit})</span>` : nothing}</label>
          <input type="number" inputmode="decimal" id=${id} min=${field.min ?? nothing} max=${field.max ?? nothing} step=${field.step ?? 'any'}
            ?required=${field.required === true} .value=${value === undefined || value === null ? '' : String(value)} aria-describedby=${describedBy}
            @input=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              this.#change(field, input.value === '' ? null : input.valueAsNumber);
            }} />${field.unit ? nothing : unit}${help}
        </div>`;
      }
    }
  }

  #price(): TemplateResult | typeof nothing {
    const estimate = this.#estimate.value;
    if (this.#estimate.state === 'error') return html`<p class="error">${this.#estimate.error?.message}</p>`;
    if (!estimate) return nothing;
    const money = (minor: number) => formatMoney(minor, this.#locale(), estimate.currency);
    const pending = this.#estimate.state === 'pending';
    return html`<table class=${pending ? 'pending' : ''} aria-busy=${pending ? 'true' : 'false'}>
      <tbody>
        ${estimate.lines.map((l) => html`<tr><td>${l.label}${l.quantity !== 1 ? ` × ${l.quantity}` : ''}</td><td>${money(l.amount)}</td></tr>`)}
        ${estimate.adjustments.map((a) => html`<tr><td>${a.label}</td><td>${money(a.amount)}</td></tr>`)}
        ${estimate.tax && !estimate.tax.inclusive ? html`<tr><td>${estimate.tax.label}</td><td>${money(estimate.tax.amount)}</td></tr>` : nothing}
        <tr class="total"><td>Total</td><td data-total=${estimate.total}>${money(estimate.total)}</td></tr>
      </tbody>
    </table>`;
  }
}

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
    'qm-error': CustomEvent<QmErrorDetail>;
  }
}
