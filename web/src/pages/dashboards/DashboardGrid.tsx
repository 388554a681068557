import type { ReactNode } from 'react';
import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import { GRID, type Widget, type WidgetLayout } from '../../dashboards/dashboard-types';

/** The height of one grid row and the gap between cells, in pixels. */
export const ROW_HEIGHT = 36;
const MARGIN = 12;
/** Below this width the grid's 12 columns are too narrow: widgets stack in reading order. */
const STACK_BELOW = 720;

/** A widget's height in pixels for `h` grid rows. */
export const cellHeight = (h: number) => h * ROW_HEIGHT + (h - 1) * MARGIN;

/**
 * The dashboard's 12-column grid. In edit mode widgets move by their title bar and resize by
 * their corner; each move or resize reports the whole layout once, when it ends.
 */
export function DashboardGrid({
  widgets,
  editing,
  onLayout,
  render,
}: {
  widgets: readonly Widget[];
  editing: boolean;
  onLayout(layouts: Record<string, WidgetLayout>): void;
  render(widget: Widget, height: number): ReactNode;
}) {
  const { width, containerRef, mounted } = useContainerWidth();
  const layout: Layout = widgets.map((w) => ({ i: w.id, ...w.layout }));
  const report = (next: Layout) =>
    onLayout(
      Object.fromEntries(
        next.map((item) => [item.i, { x: item.x, y: item.y, w: item.w, h: item.h }]),
      ),
    );
  const stacked = mounted && width < STACK_BELOW;
  return (
    <div ref={containerRef} className={`dashboard-grid${editing ? ' editing' : ''}`}>
      {stacked ? (
        <div className="dashboard-stack">
          {[...widgets]
            .sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x)
            .map((w) => (
              <div key={w.id}>{render(w, cellHeight(Math.max(w.layout.h, 6)))}</div>
            ))}
        </div>
      ) : (
        mounted && (
          <ReactGridLayout
            layout={layout}
            width={width}
            gridConfig={{
              cols: GRID.cols,
              rowHeight: ROW_HEIGHT,
              margin: [MARGIN, MARGIN],
              containerPadding: [0, 0],
            }}
            dragConfig={{
              enabled: editing,
              handle: '.card-header',
              cancel: 'button, input, select, a',
            }}
            resizeConfig={{ enabled: editing }}
            onDragStop={(next) => report(next)}
            onResizeStop={(next) => report(next)}
          >
            {widgets.map((w) => (
              <div key={w.id} className="dashboard-cell" data-cell={w.id}>
                {render(w, cellHeight(w.layout.h))}
              </div>
            ))}
          </ReactGridLayout>
        )
      )}
    </div>
  );
}
