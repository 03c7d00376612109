import Foundation

extension HTMLReport {
    /// The page for a ``PromptComparisonReport``: self-contained as the pipeline's page, with the same stylesheet.
    /// Differences are coloured by direction: a higher reward is better, a higher failure rate is worse; a colour
    /// means the whole 95% interval lies on that side of zero.
    ///
    /// - Complexity: O(size of the report).
    package static func render(_ report: PromptComparisonReport) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html +=
            "<title>\(HTMLText.escape(report.title))</title>\n<style>\n\(Self.style)\(Self.comparisonStyle)</style>\n"
        html += "</head>\n<body>\n<main>\n<header>\n<h1>\(HTMLText.escape(report.title))</h1>\n"
        html +=
            "<p class=\"meta\">Generated \(HTMLText.escape(report.generatedAt)) · model "
            + "<code>\(HTMLText.escape(report.model.name))</code>\(report.model.simulated ? " (simulated)" : "")"
            + " · reward model <code>\(HTMLText.escape(report.rewardModel))</code></p>\n</header>\n"
        if report.model.simulated {
            html +=
                "<div class=\"simulated\" role=\"note\"><strong>\(HTMLText.escape(Self.simulatedNotice))</strong> "
                + "Every answer behind these figures came from the built-in simulator.</div>\n"
        }
        html += Self.comparisonSummary(report)
        html += Self.versionsTable(report)
        if !report.differences.isEmpty { html += Self.differencesSection(report) }
        if !report.disagreements.isEmpty { html += Self.disagreementsSection(report) }
        html += "<section>\n<h2>Prompts</h2>\n"
        for version in report.versions {
            html +=
                "<h3><code>\(HTMLText.escape(version.id))</code></h3>\n"
                + "<pre class=\"patch\">\(HTMLText.escape(version.text))</pre>\n"
        }
        html += "</section>\n"
        if !report.notes.isEmpty {
            html += "<section>\n<h2>Notes</h2>\n<ul>\n"
            html += report.notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
            html += "</ul>\n</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static let comparisonStyle = """
        td.better { color: var(--good); font-weight: 600; }
        td.worse { color: var(--bad); font-weight: 600; }
        .ci-text { color: var(--muted); font-size: 12px; }

        """

    static func comparisonSummary(_ report: PromptComparisonReport) -> String {
        let failed = !(report.gate?.regressions.isEmpty ?? true)
        var html = "<section class=\"summary \(failed ? "none" : "written")\">\n"
        if let gate = report.gate {
            html +=
                failed
                ? "<h2>Worse than <code>\(HTMLText.escape(gate.reference))</code></h2>\n"
                : "<h2>No version is worse than <code>\(HTMLText.escape(gate.reference))</code></h2>\n"
            html += gate.regressions.map { "<p class=\"reason\">\(HTMLText.escape($0))</p>\n" }.joined()
        } else {
            html += "<h2>\(report.versions.count) version\(report.versions.count == 1 ? "" : "s") compared</h2>\n"
        }
        html +=
            "<ul>\n<li><strong>Test set:</strong> \(HTMLText.count(report.experiences)) experiences, "
            + "\(HTMLText.escape(report.data))</li>\n"
        if let best = report.versions.max(by: { $0.meanReward.value < $1.meanReward.value }) {
            html +=
                "<li><strong>Highest mean reward:</strong> <code>\(HTMLText.escape(best.id))</code> "
                + "\(HTMLText.number(best.meanReward.value))</li>\n"
        }
        html += "</ul>\n</section>\n"
        return html
    }

    static func estimateCell(
        _ estimate: PromptComparisonReport.Estimate, signed: Bool = false, tone: String = ""
    )
        -> String
    {
        let format: (Double) -> String = signed ? { HTMLText.signed($0) } : { HTMLText.number($0) }
        return "<td class=\"num \(tone)\">\(format(estimate.value)) "
            + "<span class=\"ci-text\">[\(format(estimate.low)), \(format(estimate.high))]</span></td>"
    }

    static func versionsTable(_ report: PromptComparisonReport) -> String {
        var html =
            "<section>\n<h2>Versions<span class=\"hint\">mean and 95% interval</span></h2>\n<table>\n<thead><tr>"
            + "<th>version</th><th class=\"num\">mean reward</th>"
        html += report.failureModes.map {
            "<th class=\"num\">\(HTMLText.escape($0.replacingOccurrences(of: "_", with: " ")))</th>"
        }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for version in report.versions {
            html += "<tr><td><code>\(HTMLText.escape(version.id))</code></td>" + Self.estimateCell(version.meanReward)
            for mode in report.failureModes {
                html += version.failureRates[mode].map { Self.estimateCell($0) } ?? "<td class=\"num\">–</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static func differencesSection(_ report: PromptComparisonReport) -> String {
        var html =
            "<section>\n<h2>Differences<span class=\"hint\">later minus earlier, paired by experience; "
            + "green: better with confidence, red: worse</span></h2>\n<table>\n<thead><tr><th>comparison</th>"
            + "<th class=\"num\">reward</th>"
        html += report.failureModes.map {
            "<th class=\"num\">\(HTMLText.escape($0.replacingOccurrences(of: "_", with: " ")))</th>"
        }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for difference in report.differences {
            let reward = difference.reward
            html +=
                "<tr><td><code>\(HTMLText.escape(difference.candidate))</code> − "
                + "<code>\(HTMLText.escape(difference.baseline))</code></td>"
                + Self.estimateCell(
                    reward, signed: true, tone: reward.low > 0 ? "better" : reward.high < 0 ? "worse" : "")
            for mode in report.failureModes {
                guard let rate = difference.failureRates[mode] else {
                    html += "<td class=\"num\">–</td>"
                    continue
                }
                // A failure rate is better lower.
                html += Self.estimateCell(
                    rate, signed: true, tone: rate.high < 0 ? "better" : rate.low > 0 ? "worse" : "")
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n<div class=\"charts\">\n"
        for difference in report.differences {
            html +=
                "<figure class=\"chart-box\">"
                + IntervalBar(
                    estimate: difference.reward.value, low: difference.reward.low, high: difference.reward.high
                ).svg()
                + "<figcaption>reward of \(HTMLText.escape(difference.candidate)) − "
                + "\(HTMLText.escape(difference.baseline)), 95% interval</figcaption></figure>\n"
        }
        return html + "</div>\n</section>\n"
    }

    static func disagreementsSection(_ report: PromptComparisonReport) -> String {
        var html =
            "<section>\n<h2>Where the versions disagree<span class=\"hint\">"
            + "\(report.disagreements.count) experience\(report.disagreements.count == 1 ? "" : "s") shown</span></h2>\n"
            + "<table class=\"evidence\">\n<thead><tr><th>experience</th><th>version</th><th class=\"num\">reward</th>"
            + "<th>failure modes</th><th>answer</th></tr></thead>\n<tbody>\n"
        for item in report.disagreements {
            for (index, answer) in item.answers.enumerated() {
                html += "<tr>"
                if index == 0 {
                    html +=
                        "<td rowspan=\"\(item.answers.count)\"><code>\(HTMLText.escape(item.experienceID))</code>"
                        + "<div class=\"explanation\">\(HTMLText.escape(item.input))</div></td>"
                }
                html +=
                    "<td><code>\(HTMLText.escape(answer.promptID))</code></td>"
                    + "<td class=\"num\">\(HTMLText.number(answer.reward))</td>"
                    + "<td>\(HTMLText.escape(answer.failureModes.isEmpty ? "–" : answer.failureModes.joined(separator: ", ")))</td>"
                    + "<td class=\"response\">\(HTMLText.escape(answer.output))</td></tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }
}
