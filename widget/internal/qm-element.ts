// The base of every Quote Master element (Shoelace's ShoelaceElement): Lit's
// ReactiveElement (properties, batched updates, controllers, adopted styles)
// rendering with lit-html — what LitElement does, minus the hooks for SSR
// hydration, polyfills and async directives we do not use (decision 0018:
// rollup.config.mjs leaves lit-element out of the bundle). Also a define() that
// tolerates double registration, because host pages load scripts twice, and
// renders that wait for the visitor's message table.
import { ReactiveElement, render } from 'lit';
import { loadMessages } from '../i18n/messages.ts';

export class QmElement extends ReactiveElement {
  /** Registers the element under `name` unless something already did. */
  static define(name: string): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /** What the element shows (a lit-html template); rendered into its shadow root on each update. */
  protected render(): unknown {
    return undefined;
  }

  protected override update(changed: Map<PropertyKey, unknown>): void {
    const view = this.render();
    super.update(changed);
    render(view, this.renderRoot, { host: this });
  }

  /** The language the element speaks (BCP 47); each element says how it picks it. */
  protected locale(): string {
    return 'en';
  }

  /** Every render waits for the message table of `locale()` (a chunk of its own, decision 0018); English needs none. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return loadMessages(this.locale())?.then(() => super.scheduleUpdate()) ?? super.scheduleUpdate();
  }

  /** Dispatches a bubbling, composed `qm-*` event. */
  protected emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
