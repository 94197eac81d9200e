// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewBoundary } from '../../renderer/view-boundary';

function Throws({ message }: { message: string }): never {
  throw new Error(message);
}

afterEach(cleanup);

describe('a failing view', () => {
  it('says which view failed and why, in its place, instead of blanking the app', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    render(
      <div>
        <nav>still here</nav>
        <ViewBoundary view="Compare">
          <Throws message="boom" />
        </ViewBoundary>
      </div>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/^The Compare view failed: boom/);
    expect(screen.getByText('still here')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
  });

  it('says the server did not answer when the view’s code could not be fetched', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ViewBoundary view="Metrics">
        <Throws message="Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/x.js" />
      </ViewBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(
      /^The Metrics view could not be loaded: the server did not answer\.Once the server is running again/,
    );
  });

  it('shows the view itself when nothing fails', () => {
    render(
      <ViewBoundary view="Machine">
        <p>the machine</p>
      </ViewBoundary>,
    );
    expect(screen.getByText('the machine')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
