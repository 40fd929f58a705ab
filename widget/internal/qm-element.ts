// The base of every Quote Master element (Shoelace's ShoelaceElement): a
// define() that tolerates double registration, because host pages load scripts twice.
import { LitElement } from 'lit';

export class QmElement extends LitElement {
  /** Registers the element under `name` unless something already did. */
  static define(name: string): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /** Dispatches a bubbling, composed `qm-*` event. */
  protected emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
