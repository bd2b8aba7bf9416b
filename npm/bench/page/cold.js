// One client's cold-start page (bundled once per client, with only that
// client in it): at module evaluation it opens a stream and records the
// time to the first event, from the call and from the navigation start.
// 'bench-cold-client' is aliased by the build to one client module.
import { firstEvent } from '../lib/first-event.js';
import { client } from 'bench-cold-client';

const url = new URL(location.href).searchParams.get('url');
const t0 = performance.now();
globalThis.__cold = firstEvent(client, url, ['message']).then((ms) => ({
  call: ms,
  navigation: t0 + ms, // performance.now() counts from the navigation start
}));
