import '../qm-widget/qm-widget.define.ts';
import { QmLauncher } from './qm-launcher.ts';

QmLauncher.define('qm-launcher');

export { QmLauncher };
