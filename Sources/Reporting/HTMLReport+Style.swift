extension HTMLReport {
    /// The page's stylesheet: system fonts only, no external resources.
    static let style = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --soft: #f5f7fa; --good: #15803d;
          --good-bg: #ecfdf3; --warn: #b45309; --warn-bg: #fffbeb; --bad: #b91c1c; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        h4 { font-size: 14px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase;
          letter-spacing: .04em; }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; }
        code { background: var(--soft); padding: 1px 4px; border-radius: 3px; }
        .meta { color: var(--muted); margin: 0 0 16px; }
        .simulated { background: #fff4e5; border: 2px solid #f59e0b; border-left-width: 8px; border-radius: 6px;
          padding: 12px 16px; margin: 0 0 16px; }
        .simulated strong { display: block; font-size: 17px; color: #92400e; margin-bottom: 4px; }
        .summary { border: 1px solid var(--line); border-left: 8px solid var(--warn); background: var(--warn-bg);
          border-radius: 6px; padding: 4px 20px 8px; }
        .summary.written { border-left-color: var(--good); background: var(--good-bg); }
        .summary h2 { border: 0; margin: 12px 0 4px; font-size: 22px; }
        .summary.written h2 { color: var(--good); }
        .summary.none h2 { color: var(--warn); }
        .summary ul { margin: 8px 0; padding-left: 20px; }
        .summary li { margin: 3px 0; }
        .reason { margin: 4px 0; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        thead th { background: var(--soft); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.compact { width: auto; min-width: 380px; }
        tr.selected td { background: var(--good-bg); }
        tr.selected td:first-child { box-shadow: inset 4px 0 0 var(--good); }
        tr.excluded td { color: var(--muted); }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
        .badge.selected { background: var(--good); color: #fff; }
        .badge.excluded { background: #e4e7eb; color: var(--muted); }
        .patch { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; white-space: pre-wrap; }
        .explanation { color: var(--muted); font-size: 13px; margin-top: 4px; }
        .strategy { color: var(--muted); font-size: 12px; }
        .response { white-space: pre-wrap; overflow-wrap: anywhere; }
        .evidence td { overflow-wrap: anywhere; }
        .evidence td:first-child { white-space: nowrap; }
        th.patch-col { width: 36%; }
        th.status-col { width: 90px; }
        .exclusion { color: var(--bad); font-size: 13px; margin-top: 4px; }
        .term { display: inline-block; background: var(--soft); border: 1px solid var(--line); border-radius: 3px;
          padding: 0 5px; margin: 1px 0; font-size: 12px; }
        .count { white-space: nowrap; margin-right: 6px; }
        .cluster { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 8px; margin: 16px 0; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        figure.chart-box { margin: 8px 0 16px; }
        figcaption { color: var(--muted); font-size: 13px; }
        svg.chart, svg.interval { display: block; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
        svg .grid { stroke: #eef2f6; stroke-width: 1; }
        svg .axis { stroke: #9aa5b1; stroke-width: 1; }
        svg .tickmark { stroke: #9aa5b1; }
        svg .tick { fill: var(--muted); font-size: 11px; }
        svg .axis-label { fill: var(--ink); font-size: 12px; }
        svg .line { stroke-width: 2; }
        svg .marker { stroke: var(--good); stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg .marker-label { fill: var(--good); font-size: 11px; font-weight: 600; }
        svg .zero { stroke: var(--ink); stroke-dasharray: 3 3; }
        svg .ci.gain { fill: #86efac; stroke: var(--good); }
        svg .ci.loss { fill: #fca5a5; stroke: var(--bad); }
        svg .ci.unsure { fill: #fde68a; stroke: var(--warn); }
        svg .estimate { fill: var(--ink); }
        svg .ci-label { fill: var(--ink); font-size: 12px; font-weight: 600; }
        .legend { margin: 4px 0; }
        .legend-item { margin-right: 14px; white-space: nowrap; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px;
          vertical-align: -1px; }
        .hint { color: var(--muted); font-size: 13px; font-weight: normal; margin-left: 8px; }
        .before-after { display: flex; gap: 32px; align-items: center; flex-wrap: wrap; }
        .hbar { display: flex; align-items: center; gap: 8px; margin: 6px 0; font-size: 14px; }
        .hbar-label { width: 150px; color: var(--muted); }
        .hbar-track { display: inline-block; width: 260px; height: 14px; background: var(--soft);
          border: 1px solid var(--line); border-radius: 3px; overflow: hidden; }
        .hbar-fill { display: block; height: 100%; }
        .hbar-fill.before { background: #94a3b8; }
        .hbar-fill.after.better { background: #4ade80; }
        .hbar-fill.after.worse { background: #f87171; }
        .hbar-fill.after.same { background: #94a3b8; }
        .hbar-fill.policy { background: #60a5fa; }
        .hbar-value { font-variant-numeric: tabular-nums; }
        td.pbar { width: 280px; }
        .empty { color: var(--muted); font-style: italic; }
        pre.prompt { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 12px;
          white-space: pre-wrap; overflow-wrap: anywhere; }
        ins { background: #bbf7d0; text-decoration: none; }

        """
}
