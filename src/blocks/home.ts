import type { HomeView } from '@slack/types';
import type { Locale } from '../config.js';
import type { Catalog } from '../catalog/query.js';
import { buildHelp } from './help-and-list.js';

/** App Home: for now, the same guide as `/skill help` (assessments and check-ins add to it). */
export function buildHomeView(catalog: Catalog, locale: Locale): HomeView {
  return { type: 'home', blocks: buildHelp(catalog, locale).blocks };
}
