import { QmWidget } from './qm-widget.ts';

QmWidget.define('qm-widget');

export { QmWidget };
