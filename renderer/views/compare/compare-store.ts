import { create } from 'zustand';
import type { CompareResult } from '../../../shared/schema/result';
import type { SortKey } from './matrix-rows';
import type { WhatIfInputs } from '../../../shared/engine/apply-change';

/** A comparison kept beside the live one, so that what an edit changed stays visible. */
export interface Pin {
  result: CompareResult;
  /** When it was pinned, for people ("pinned 10:42:07"). */
  at: string;
  /** What it was computed from, so that a score that moved since says which input moved it. */
  inputs: WhatIfInputs | null;
}

interface CompareState {
  pin: Pin | null;
  sortBy: SortKey;
  /** The pipeline node shown (pipelines only). */
  node: number;
  /** The target whose details are open. */
  selected: string | null;
  setPin(pin: Pin | null): void;
  setSortBy(key: SortKey): void;
  setNode(node: number): void;
  select(id: string | null): void;
}

/** The Compare view's own state; it outlives the view, so a pin survives a trip to Requirements. */
export const useCompareStore = create<CompareState>()((set) => ({
  pin: null,
  sortBy: 'auto',
  node: 0,
  selected: null,
  setPin: (pin) => set({ pin }),
  setSortBy: (sortBy) => set({ sortBy }),
  setNode: (node) => set({ node }),
  select: (selected) => set({ selected }),
}));
