/// Renders a ``PipelineReport`` as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no
/// external URLs or fonts, every piece of report text HTML-escaped.
///
/// The page opens with the simulated-model warning (when it applies) and a summary box (what happened, the new
/// version or why there is none), then the demo's rounds, the held-out before/after with the gain's interval, the
/// training curve (mean reward and KL per step) and final policy, the clusters with their representatives and
/// ranked candidates (the selected one highlighted), the prompts, and notes. The same report always renders to the
/// same bytes.
package enum HTMLReport {
    /// The warning shown at the top of every report whose figures came from the simulator.
    package static let simulatedNotice =
        "Simulated model — exercises the machinery, not evidence a real model improved."

    /// The page for `report`.
    ///
    /// - Complexity: O(size of the report).
    package static func render(_ report: PipelineReport) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(HTMLText.escape(report.title))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
        html += "<main>\n<header>\n<h1>\(HTMLText.escape(report.title))</h1>\n"
        html +=
            "<p class=\"meta\">Generated \(HTMLText.escape(report.generatedAt)) · base prompt "
            + "<code>\(HTMLText.escape(report.basePrompt.id))</code> · model "
            + "<code>\(HTMLText.escape(report.model.name))</code>\(report.model.simulated ? " (simulated)" : "")"
            + "</p>\n</header>\n"
        if report.model.simulated {
            html +=
                "<div class=\"simulated\" role=\"note\"><strong>\(HTMLText.escape(Self.simulatedNotice))</strong> "
                + "Every output behind these figures came from the built-in simulator "
                + "(<code>\(HTMLText.escape(report.model.name))</code>), whose behaviour follows an effect table; "
                + "the rewards show that the pipeline finds and applies what the table rewards.</div>\n"
        }
        html += Self.summary(report)
        if !report.rounds.isEmpty { html += Self.roundsSection(report.rounds) }
        html += Self.evaluationSection(report.evaluation)
        html += Self.trainingSection(report.training)
        html += Self.clustersSection(report.clusters)
        html += Self.promptsSection(report)
        if !report.notes.isEmpty {
            html += "<section>\n<h2>Notes</h2>\n<ul>\n"
            html += report.notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
            html += "</ul>\n</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// The summary box: the outcome as a headline and one line per stage. A demo's report (one with rounds) opens
    /// with the demo's outcome across its rounds, and the box below it is the last round's run.
    static func summary(_ report: PipelineReport) -> String {
        let outcome = report.outcome
        var html = report.rounds.isEmpty ? "" : Self.demoOutcome(report.rounds)
        let scope = report.rounds.isEmpty ? "" : "Last round: "
        html += "<section class=\"summary \(outcome.written ? "written" : "none")\">\n"
        if outcome.written {
            html +=
                "<h2>\(scope)New prompt version <code>\(HTMLText.escape(outcome.promptID ?? "?"))</code> written</h2>\n"
            if let path = outcome.path { html += "<p>File: <code>\(HTMLText.escape(path))</code></p>\n" }
        } else {
            html += "<h2>\(scope)No new prompt version</h2>\n"
        }
        if let reason = outcome.reason { html += "<p class=\"reason\">\(HTMLText.escape(reason))</p>\n" }
        html += "<ul>\n<li><strong>Data:</strong> \(HTMLText.escape(report.data))</li>\n"
        if report.clusters.isEmpty {
            html += "<li><strong>Failures:</strong> no failure clusters.</li>\n"
        } else {
            let total = report.clusters.reduce(0) { $0 + $1.size }
            let largest = report.clusters.max { ($0.size, $1.id) < ($1.size, $0.id) }!
            html +=
                "<li><strong>Failures:</strong> \(HTMLText.count(total)) in \(report.clusters.count) "
                + "cluster\(report.clusters.count == 1 ? "" : "s"); largest: "
                + "\(HTMLText.escape(largest.label)) (\(HTMLText.percent(largest.share))).</li>\n"
            let selected = report.clusters.compactMap { cluster in
                cluster.candidates.first(where: \.selected).map { (cluster.id, $0) }
            }
            if !selected.isEmpty {
                let items = selected.map { "\(HTMLText.escape($0.0)): <code>\(HTMLText.escape($0.1.patchID))</code>" }
                html += "<li><strong>Ranker's picks:</strong> \(items.joined(separator: ", ")).</li>\n"
            }
        }
        if let training = report.training {
            let steps = training.curve.count
            var line =
                "<li><strong>Training:</strong> \(steps) step\(steps == 1 ? "" : "s")"
                + " (\(HTMLText.escape(training.stopReason))), \(HTMLText.count(training.rollouts)) rollouts, "
                + "\(HTMLText.count(training.tokens)) tokens"
            if let first = training.curve.first, let last = training.curve.last {
                line += "; mean reward \(HTMLText.number(first.meanReward)) → \(HTMLText.number(last.meanReward))"
            }
            html += line + ".</li>\n"
        } else {
            html += "<li><strong>Training:</strong> did not run.</li>\n"
        }
        if let evaluation = report.evaluation {
            let gain = evaluation.gain
            html +=
                "<li><strong>Held out (\(HTMLText.count(evaluation.heldOut))):</strong> reward "
                + "\(HTMLText.number(evaluation.baselineReward)) → \(HTMLText.number(evaluation.reward)) "
                + "(gain \(HTMLText.signed(gain.estimate)), \(HTMLText.number(gain.confidence * 100, digits: 0))% CI "
                + "[\(HTMLText.signed(gain.low)), \(HTMLText.signed(gain.high))]); hallucination rate "
                + "\(HTMLText.percent(evaluation.hallucinationRateBefore)) → "
                + "\(HTMLText.percent(evaluation.hallucinationRateAfter)).</li>\n"
        }
        html += "</ul>\n</section>\n"
        return html
    }

    /// The demo's outcome across its rounds: the versions written and the like-for-like headline.
    static func demoOutcome(_ rounds: [PipelineReport.Round]) -> String {
        let versions = rounds.compactMap(\.versionWritten)
        var html = "<section class=\"summary \(versions.isEmpty ? "none" : "written")\" id=\"demo-outcome\">\n"
        let count = "\(rounds.count) round\(rounds.count == 1 ? "" : "s")"
        if versions.isEmpty {
            html += "<h2>Demo: \(count), no new prompt version</h2>\n"
        } else {
            html +=
                "<h2>Demo: \(count), wrote "
                + versions.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: ", ") + "</h2>\n"
        }
        html +=
            "<p class=\"reason\">"
            + (RoundComparison(rounds: rounds).map { HTMLText.escape($0.headline) }
                ?? "No like-for-like comparison: no earlier round has the last round's source.")
            + "</p>\n</section>\n"
        return html
    }
}
