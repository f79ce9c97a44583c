// The superpowers' code as the workflows look it up. registeredSuperpowers (superpowers.ts) builds
// it from the loaded skills; the workflows and the tdd steps depend only on this port.
import type { TddCode } from './tdd/tddSuperpower';

export interface Superpowers {
  /** The tdd superpower's gates and guard; throws SuperpowerUnavailableError when tdd is not loaded. */
  tdd(): TddCode;
}
