import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Keeps a failing view from taking the app down with it: a view whose code could not be loaded
 * (the server stopped) or that threw while rendering says so in its place, and the navigation and
 * every other view keep working. Keyed by view, so opening another view starts afresh.
 */
export class ViewBoundary extends Component<{ view: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Chromium's and Firefox's words for a module that did not arrive, and Vite's for its stylesheet.
    const chunk = /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
      error.message,
    );
    return (
      <div className="card view-error" role="alert">
        <p className="bad">
          {chunk
            ? `The ${this.props.view} view could not be loaded: the server did not answer.`
            : `The ${this.props.view} view failed: ${error.message}`}
        </p>
        <p>
          {chunk ? 'Once the server is running again, ' : 'Other views still work; '}
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
      </div>
    );
  }
}
