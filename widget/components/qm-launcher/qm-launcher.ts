// <qm-launcher>: the floating button of data-mode="launcher" and the modal
// dialog it opens, holding a <qm-widget> (issue 4). The dialog is the native
// <dialog> opened with showModal(): the browser makes the page behind it inert,
// keeps focus inside, closes it on Escape and puts focus back where it was.
import { html, type TemplateResult } from 'lit';
import { M, messagesFor } from '../../i18n/messages.ts';
import { QmElement } from '../../internal/qm-element.ts';
import type { QmReadyDetail, QmWidget } from '../qm-widget/qm-widget.ts';
import { styles } from './qm-launcher.styles.ts';

/** What `show()` (and `window.QuoteMaster.open()`) accepts. */
export interface QmOpenOptions {
  /** Service key; defaults to the one shown (at first the launcher's `service`, else the tenant's default). */
  service?: string;
  /** Field values to set on the widget, as `window.QuoteMaster.prefill` does. */
  prefill?: Record<string, unknown>;
}
export interface QmOpenDetail {
  /** The service shown ('' = the tenant's first). */
  service: string;
}

/**
 * A floating "Get a quote" button that opens the quote widget in a modal dialog.
 * @event qm-open - the dialog opened; detail `{ service }`.
 * @event qm-close - the dialog closed (close button, Escape, backdrop or `hide()`).
 * @csspart launcher - the floating button.
 * @csspart dialog - the `<dialog>`.
 * @csspart header - the dialog's title bar.
 * @csspart close - the dialog's close button.
 * @cssproperty --qm-launcher-offset - distance of the button from the viewport's bottom right corner.
 */
export class QmLauncher extends QmElement {
  static override styles = styles;
  static override properties = {
    key: { type: String },
    service: { type: String },
    apiBase: { type: String, attribute: 'api-base' },
    lang: { type: String },
    label: { type: String },
    closeLabel: { type: String, attribute: 'close-label' },
    noButton: { type: Boolean, attribute: 'no-button', reflect: true },
    _locale: { state: true },
  };

  /** Publishable key for the widget; defaults to the data-key of embed.js. */
  declare key: string;
  /** Service the widget shows; defaults to the tenant's first. */
  declare service: string;
  /** Where the API lives; defaults to the host embed.js came from. */
  declare apiBase: string;
  /** Language (BCP 47) of the default labels and of the widget; defaults to the tenant's locale. */
  declare lang: string;
  /** The button's text and the dialog's accessible name; defaults to "Get a quote" in the visitor's language. */
  declare label: string;
  /** Accessible name of the dialog's close button; defaults to "Close" in the visitor's language. */
  declare closeLabel: string;
  /** Hides the floating button: the page opens the dialog itself (`window.QuoteMaster.open()`). */
  declare noButton: boolean;
  /** The tenant's locale, once the widget has its config. */
  declare _locale: string;

  #widget: QmWidget | null = null;

  constructor() {
    super();
    this.key = '';
    this.service = '';
    this.apiBase = '';
    this.lang = '';
    // '' = the default of widget/i18n in `lang`, else the tenant's locale (English until the config is in).
    this.label = '';
    this.closeLabel = '';
    this._locale = '';
    this.noButton = false;
  }

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.#dialog()?.open ?? false;
  }

  /** The widget inside the dialog (created with the launcher, so its price is ready when the visitor opens it). */
  get widget(): QmWidget | null {
    return this.#widget;
  }

  /** Opens the dialog, optionally on another service and with field values. */
  async show(options: QmOpenOptions = {}): Promise<void> {
    await this.updateComplete;
    const service = options.service ?? this.#widget?.service ?? this.service;
    if (!this.#widget || service !== this.#widget.service) this.#mount(service, options.prefill);
    else if (options.prefill) this.setValues(options.prefill);
    const dialog = this.#dialog()!;
    if (dialog.open) return;
    dialog.showModal();
    this.emit<QmOpenDetail>('qm-open', { service });
  }

  /** Closes the dialog (qm-close follows). */
  hide(): void {
    this.#dialog()?.close();
  }

  /** Sets field values on the widget, open or not. */
  setValues(fields: Record<string, unknown>): void {
    if (this.#widget) this.#widget.setValues(fields);
    else this.#mount(this.service, fields);
  }

  protected override firstUpdated(): void {
    if (!this.#widget) this.#mount(this.service);
  }

  #dialog(): HTMLDialogElement | null | undefined {
    return this.shadowRoot?.querySelector('dialog');
  }

  #mount(service: string, prefill?: Record<string, unknown>): void {
    const widget = document.createElement('qm-widget');
    if (this.key) widget.key = this.key;
    if (this.apiBase) widget.apiBase = this.apiBase;
    if (this.lang) widget.lang = this.lang;
    widget.service = service;
    if (prefill) widget.prefill = prefill;
    widget.addEventListener('qm-ready', (event: CustomEvent<QmReadyDetail>) => {
      if (event.target !== widget) return;
      this._locale = widget._config?.locale ?? '';
      // The tenant's theme reaches the button too (the widget sets it on itself).
      for (const name of widget.style) if (name.startsWith('--qm-')) this.style.setProperty(name, widget.style.getPropertyValue(name));
    });
    this.#widget?.remove();
    this.#widget = widget;
    this.shadowRoot!.querySelector('.body')!.append(widget);
  }

  /**
   * Tab from the last stop goes to the first, Shift+Tab from the first to the
   * last. showModal() alone lets Tab leave the page for the browser's own UI
   * (html.spec.whatwg.org "dialog focusing steps" trap nothing at the edges);
   * a visitor filling a form expects it to wrap, as WAI-ARIA's modal pattern says.
   */
  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || event.defaultPrevented) return;
    const stops = tabStops(this.#dialog()!);
    let active = this.shadowRoot!.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const [from, to] = event.shiftKey ? [stops[0], stops.at(-1)] : [stops.at(-1), stops[0]];
    if (to && (active === from || !active)) {
      event.preventDefault();
      (to as HTMLElement).focus();
    }
  }

  #closed(): void {
    // The browser gives focus back to what had it before showModal(); when that was nothing, the launcher takes it.
    const active = document.activeElement;
    if ((!active || active === document.body) && !this.noButton) this.shadowRoot!.querySelector<HTMLButtonElement>('.launcher')!.focus();
    this.emit<Record<PropertyKey, never>>('qm-close', {});
  }

  /** `lang`, else the tenant's locale once the widget has its config (English until then). */
  protected override locale(): string {
    return this.lang || this._locale || 'en';
  }

  protected override render(): TemplateResult {
    const m = messagesFor(this.locale());
    const label = this.label || m[M.open];
    return html`
      <button part="launcher" class="launcher" type="button" aria-haspopup="dialog" @click=${() => void this.show()}>
${label}</button>
      <dialog part="dialog" aria-labelledby="title" closedby="any" @close=${() => this.#closed()} @keydown=${(e: KeyboardEvent) => this.#keydown(e)}>
        <header part="header">
          <h2 id="title">${label}</h2>
          <button part="close" class="close" type="button" aria-label=${this.closeLabel || m[M.close]} @click=${() => this.hide()}>×</button>
        </header>
        <div class="body"></div>
      </dialog>
    `;
  }
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/** The keyboard's stops inside `root` in document order, through open shadow roots. */
function tabStops(root: Element | ShadowRoot, stops: Element[] = []): Element[] {
  for (const el of root.children) {
    if (el.matches(FOCUSABLE) && (el as HTMLElement).tabIndex >= 0 && !el.matches(':disabled') && el.checkVisibility()) stops.push(el);
    tabStops(el.shadowRoot ?? el, stops);
  }
  return stops;
}

declare global {
  interface HTMLElementTagNameMap {
    'qm-launcher': QmLauncher;
  }
  interface GlobalEventHandlersEventMap {
    'qm-open': CustomEvent<QmOpenDetail>;
    'qm-close': CustomEvent<Record<PropertyKey, never>>;
  }
}
