// The registry of forms as the build reads it: target/forms.json, written by
// `make target/forms.json` (cargo run -p kepu-core --bin forms) from
// kepu_core::each_form!, never from Rust source.
import { existsSync, readFileSync } from 'node:fs';

/** @typedef {{ slug: string, name: string }} FormEntry */

export const FORMS_JSON = 'target/forms.json';

/**
 * Every form, in the menu's order; the first opens by default.
 * @returns {FormEntry[]}
 */
export function registry() {
  if (!existsSync(FORMS_JSON))
    throw new Error(`${FORMS_JSON} is missing: make ${FORMS_JSON} writes it from the registry`);
  return JSON.parse(readFileSync(FORMS_JSON, 'utf8'));
}
