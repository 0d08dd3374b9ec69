/** Keeps one panel's rendering failure from blanking the whole dashboard (the map and other panels stay). */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode; label: string }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <div className="report report-error" role="alert">
          {this.props.label}: {this.state.error.message}
          <button type="button" className="link-btn" onClick={() => this.setState({ error: undefined })}>
            ↻
          </button>
        </div>
      );
    return this.props.children;
  }
}
