/** Hierarchies of the dimensions of a table of figures (disclosure.ts). */

/** A hierarchy of one dimension. Node 0 is the root ('all'); a node's parent comes before it. */
export interface Hierarchy {
  readonly parent: readonly number[];
}

/** A root with `leaves` children (nodes 1..leaves). */
export function flatHierarchy(leaves: number): Hierarchy {
  return { parent: [-1, ...Array.from({ length: leaves }, () => 0)] };
}
