import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type ViewId = 'machine' | 'targets' | 'requirements' | 'compare' | 'history' | 'export' | 'metrics';

export interface ViewDefinition {
  id: ViewId;
  label: string;
  /** The key that opens it (when no text field has focus). */
  shortcut: string;
  component: LazyExoticComponent<ComponentType>;
}

/**
 * The app's views, in navigation order. Each is its own chunk, loaded when first opened, so the
 * first screen loads only what it shows.
 */
export const VIEWS: readonly ViewDefinition[] = [
  { id: 'machine', label: 'Machine', shortcut: '1', component: lazy(() => import('./machine/MachineView')) },
  { id: 'targets', label: 'Targets', shortcut: '2', component: lazy(() => import('./targets/TargetsView')) },
  {
    id: 'requirements',
    label: 'Requirements',
    shortcut: '3',
    component: lazy(() => import('./requirements/RequirementsView')),
  },
  { id: 'compare', label: 'Compare', shortcut: '4', component: lazy(() => import('./compare/CompareView')) },
  { id: 'history', label: 'History', shortcut: '5', component: lazy(() => import('./history/HistoryView')) },
  { id: 'export', label: 'Export', shortcut: '6', component: lazy(() => import('./export/ExportView')) },
  { id: 'metrics', label: 'Metrics', shortcut: '7', component: lazy(() => import('./metrics/MetricsView')) },
];

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '');
  return VIEWS.find((v) => v.id === id)?.id ?? 'machine';
}
