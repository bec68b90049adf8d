import path from 'node:path';

/** Where the page's script is built (`make client`, or before `make dev` and `make test`) and served from. */
export const BUNDLE_PATH = path.join(__dirname, 'dist', 'app.js');
