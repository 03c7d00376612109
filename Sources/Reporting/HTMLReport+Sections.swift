import Foundation

extension HTMLReport {
    /// Colours of the chart series.
    static let rewardColor = "#2563eb"
    static let klColor = "#c2410c"
    static let hallucinationColor = "#dc2626"

    /// The demo's rounds: a chart of hallucination rate and mean reward per round, and a table.
    static func roundsSection(_ rounds: [PipelineReport.Round]) -> String {
        let chart = LineChart(
            title: "Hallucination rate and mean reward per round", xLabel: "round", yLabel: "share / reward",
            series: [
                .init(
                    key: "hallucination_rate", name: "hallucination rate", color: Self.hallucinationColor,
                    points: rounds.map { (Double($0.round), $0.hallucinationRate) }),
                .init(
                    key: "mean_reward", name: "mean reward", color: Self.rewardColor,
                    points: rounds.map { (Double($0.round), $0.meanReward) }),
            ],
            yRange: (0, 1), width: 760, height: 270,
            markers: rounds.compactMap { round in
                round.versionWritten.map { LineChart.Marker(x: Double(round.round) + 0.5, label: $0) }
            })
        var html = "<section id=\"rounds\">\n<h2>Demo rounds</h2>\n"
        html +=
            "<figure class=\"chart-box\" data-chart=\"rounds\">\(chart.svg())\n<figcaption>\(chart.legend())"
            + "<span class=\"hint\">A dashed line between two rounds marks the new version written after the first."
            + "</span>"
            + "</figcaption></figure>\n"
        html +=
            "<table>\n<thead><tr><th>Round</th><th>Prompt</th><th class=\"num\">Interactions</th>"
            + "<th class=\"num\">Hallucination rate</th><th class=\"num\">Refusal rate</th>"
            + "<th class=\"num\">Unanswered rate</th><th class=\"num\">Mean reward</th><th>Source</th><th>Failures</th>"
            + "<th>Version written</th></tr></thead>\n<tbody>\n"
        for round in rounds {
            html +=
                "<tr><td>\(round.round)</td><td><code>\(HTMLText.escape(round.promptID))</code></td>"
                + "<td class=\"num\">\(HTMLText.count(round.interactions))</td>"
                + "<td class=\"num\">\(HTMLText.percent(round.hallucinationRate))</td>"
                + "<td class=\"num\">\(HTMLText.percent(round.rate("refusal")))</td>"
                + "<td class=\"num\">\(HTMLText.percent(round.rate("unanswered")))</td>"
                + "<td class=\"num\">\(HTMLText.number(round.meanReward))</td>"
                + "<td>\(HTMLText.escape(round.source ?? "—"))</td>"
                + "<td>\(Self.counts(round.failures))</td>"
                + "<td>\(round.versionWritten.map { "<code>\(HTMLText.escape($0))</code>" } ?? "—")</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    /// The held-out before/after: rewards, the gain's interval bar, and hallucination rates as bars.
    static func evaluationSection(_ evaluation: PipelineReport.Evaluation?) -> String {
        var html = "<section id=\"evaluation\">\n<h2>Before and after, on held-out interactions</h2>\n"
        guard let evaluation else {
            return html + "<p class=\"empty\">No held-out comparison ran.</p>\n</section>\n"
        }
        let gain = evaluation.gain
        let confidence = HTMLText.number(gain.confidence * 100, digits: 0)
        html +=
            "<div class=\"before-after\">\n<table class=\"compact\">\n<thead><tr><th></th><th class=\"num\">Base"
            + "</th><th class=\"num\">Trained</th></tr></thead>\n<tbody>\n"
        html +=
            "<tr><th>Mean reward</th><td class=\"num\">\(HTMLText.number(evaluation.baselineReward))</td>"
            + "<td class=\"num\">\(HTMLText.number(evaluation.reward))</td></tr>\n"
        html +=
            "<tr><th>Hallucination rate</th><td class=\"num\">"
            + "\(HTMLText.percent(evaluation.hallucinationRateBefore))</td><td class=\"num\">"
            + "\(HTMLText.percent(evaluation.hallucinationRateAfter))</td></tr>\n"
        html +=
            "<tr><th>Held-out interactions</th><td class=\"num\" colspan=\"2\">"
            + "\(HTMLText.count(evaluation.heldOut))</td></tr>\n"
        if let answers = evaluation.answersPerExperience, answers > 1 {
            html +=
                "<tr><th>Answers per interaction</th><td class=\"num\" colspan=\"2\">\(answers)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n<div>\n"
        // The base prompt's bar is neutral; the result's is coloured by direction (lower is better), never green
        // when the rate rose.
        let before = evaluation.hallucinationRateBefore
        let after = evaluation.hallucinationRateAfter
        let direction = after < before ? "better" : after > before ? "worse" : "same"
        for (label, value, tone) in [
            ("hallucination before", before, "before"),
            ("hallucination after", after, "after \(direction)"),
        ] {
            let width = HTMLText.number(min(1, max(0, value)) * 100, digits: 1)
            html +=
                "<div class=\"hbar\"><span class=\"hbar-label\">\(label)</span><span class=\"hbar-track\">"
                + "<span class=\"hbar-fill \(tone)\" style=\"width:\(width)%\"></span></span>"
                + "<span class=\"hbar-value\">\(HTMLText.percent(value))</span></div>\n"
        }
        html += "</div>\n</div>\n"
        html +=
            "<figure class=\"chart-box\" data-chart=\"gain\"><figcaption>"
            + "Mean paired reward gain (trained − base) "
            + "with its \(confidence)% interval; the dashed line is no change. "
            + (gain.low > 0
                ? "The whole interval is above zero."
                : gain.high < 0 ? "The whole interval is below zero." : "The interval includes zero.")
            + "</figcaption>\n"
            + IntervalBar(estimate: gain.estimate, low: gain.low, high: gain.high).svg() + "</figure>\n"
        html += Self.guardrailTable(
            evaluation.guardrails, heldOut: evaluation.heldOut,
            extra: (evaluation.guardrailExperiences ?? evaluation.heldOut) - evaluation.heldOut)
        html += "</section>\n"
        return html
    }

    /// The gate's guardrails: a row each, the blocking ones marked.
    static func guardrailTable(_ guardrails: [PipelineReport.Guardrail], heldOut: Int, extra: Int) -> String {
        guard !guardrails.isEmpty else { return "" }
        let sample =
            extra > 0
            ? "the \(heldOut) held-out experiences and \(extra) more logged successes"
            : "the \(heldOut) held-out experiences"
        var html =
            "<h3>Guardrails</h3>\n<p class=\"hint\">A version is written only if no guardrail got worse with "
            + "confidence (its interval above zero, paired bootstrap on \(sample)) by more than its "
            + "tolerance (its estimate above it).</p>\n"
            + "<table class=\"compact\" data-table=\"guardrails\">\n<thead><tr><th>Guardrail</th><th class=\"num\">Base"
            + "</th><th class=\"num\">Trained</th><th class=\"num\">Difference (95% interval)</th><th>Verdict</th>"
            + "</tr></thead>\n<tbody>\n"
        for guardrail in guardrails {
            let isLength = guardrail.name == "mean_words"
            func value(_ number: Double) -> String {
                isLength ? HTMLText.number(number, digits: 1) : HTMLText.percent(number)
            }
            let difference = guardrail.difference
            html +=
                "<tr\(guardrail.blocked ? " class=\"blocked\"" : "")><th>"
                + "\(HTMLText.escape(isLength ? "mean answer length (words)" : guardrail.name.replacingOccurrences(of: "_", with: " ")))</th>"
                + "<td class=\"num\">\(value(guardrail.before))</td><td class=\"num\">\(value(guardrail.after))</td>"
                + "<td class=\"num\">\(HTMLText.signed(difference.estimate)) [\(HTMLText.signed(difference.low)), "
                + "\(HTMLText.signed(difference.high))]</td>"
                + "<td>\(guardrail.blocked ? "<strong>blocked the version</strong>" : "passed")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// The training curve (mean reward and KL per step, side by side), run figures and the final policy.
    static func trainingSection(_ training: PipelineReport.Training?) -> String {
        var html = "<section id=\"training\">\n<h2>Training (GRPO over patch choices)</h2>\n"
        guard let training else { return html + "<p class=\"empty\">No training ran.</p>\n</section>\n" }
        html +=
            "<p>Stop reason: <strong>\(HTMLText.escape(training.stopReason))</strong> · "
            + "\(HTMLText.count(training.rollouts)) rollouts · \(HTMLText.count(training.tokens)) tokens"
        if !training.curve.isEmpty {
            let zeroSpread = training.curve.reduce(0) { $0 + $1.zeroSpreadShare } / Double(training.curve.count)
            html += " · zero-spread groups \(HTMLText.percent(zeroSpread)) on average"
        }
        html += "</p>\n"
        if training.curve.isEmpty {
            html += "<p class=\"empty\">Training made no steps, so there is no curve.</p>\n"
        } else {
            let steps = training.curve.map { Double($0.step) }
            let reward = LineChart(
                title: "Mean reward per step", xLabel: "step", yLabel: "mean reward",
                series: [
                    .init(
                        key: "mean_reward", name: "mean reward", color: Self.rewardColor,
                        points: Array(zip(steps, training.curve.map(\.meanReward))))
                ],
                yRange: nil, width: 560, height: 250)
            let kl = LineChart(
                title: "KL divergence from the prior per step", xLabel: "step", yLabel: "KL(π ‖ π_ref)",
                series: [
                    .init(
                        key: "kl_divergence", name: "KL divergence", color: Self.klColor,
                        points: Array(zip(steps, training.curve.map(\.klDivergence))))
                ],
                yRange: (0, max(training.curve.map(\.klDivergence).max() ?? 0, 1e-6)), width: 560, height: 250)
            html += "<div class=\"charts\">\n"
            html +=
                "<figure class=\"chart-box\" data-chart=\"training-reward\">\(reward.svg())\n<figcaption>"
                + "\(reward.legend())</figcaption></figure>\n"
            html +=
                "<figure class=\"chart-box\" data-chart=\"training-kl\">\(kl.svg())\n<figcaption>"
                + "\(kl.legend())</figcaption></figure>\n</div>\n"
        }
        if !training.policy.isEmpty {
            html +=
                "<h3>Final policy</h3>\n<table>\n<thead><tr><th>Cluster</th><th>Choice</th>"
                + "<th class=\"num\">Probability</th><th></th></tr></thead>\n<tbody>\n"
            for cluster in training.policy {
                let best = cluster.choices.indices.max {
                    (cluster.choices[$0].probability, $1) < (cluster.choices[$1].probability, $0)
                }
                for (index, choice) in cluster.choices.enumerated() {
                    let width = HTMLText.number(min(1, max(0, choice.probability)) * 100, digits: 1)
                    html +=
                        "<tr\(index == best ? " class=\"selected\"" : "")>"
                        + (index == 0
                            ? "<td rowspan=\"\(cluster.choices.count)\">"
                                + "\(HTMLText.escape(cluster.clusterID))</td>" : "")
                        + "<td>\(choice.patchID.map { "<code>\(HTMLText.escape($0))</code>" } ?? "<em>no patch</em>")"
                        + "</td><td class=\"num\">\(HTMLText.number(choice.probability))</td>"
                        + "<td class=\"pbar\"><span class=\"hbar-track\"><span class=\"hbar-fill policy\" "
                        + "style=\"width:\(width)%\"></span></span></td></tr>\n"
                }
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"
        return html
    }

    /// The clusters: an overview table, then per cluster its representatives and ranked candidates.
    static func clustersSection(_ clusters: [PipelineReport.Cluster]) -> String {
        var html = "<section id=\"clusters\">\n<h2>Failure clusters</h2>\n"
        guard !clusters.isEmpty else {
            return html + "<p class=\"empty\">No failures were clustered.</p>\n</section>\n"
        }
        html +=
            "<table>\n<thead><tr><th>Cluster</th><th>Label</th><th class=\"num\">Size</th><th class=\"num\">Share"
            + "</th><th class=\"num\">Severity</th><th>Failure types</th><th>Top terms</th></tr></thead>\n<tbody>\n"
        for cluster in clusters {
            let terms = cluster.topTerms.map { "<span class=\"term\">\(HTMLText.escape($0))</span>" }
                .joined(separator: " ")
            html +=
                "<tr><td><a href=\"#\(Self.anchor(cluster.id))\">\(HTMLText.escape(cluster.id))</a></td>"
                + "<td>\(HTMLText.escape(cluster.label))</td><td class=\"num\">\(HTMLText.count(cluster.size))</td>"
                + "<td class=\"num\">\(HTMLText.percent(cluster.share))</td>"
                + "<td class=\"num\">\(HTMLText.number(cluster.severity, digits: 2))</td>"
                + "<td>\(Self.counts(cluster.failureTypes))</td>"
                + "<td>\(terms)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        for cluster in clusters { html += Self.clusterDetail(cluster) }
        html += "</section>\n"
        return html
    }

    /// One cluster's representatives and candidates.
    static func clusterDetail(_ cluster: PipelineReport.Cluster) -> String {
        var html = "<article class=\"cluster\" id=\"\(Self.anchor(cluster.id))\">\n"
        html += "<h3>\(HTMLText.escape(cluster.id)) · \(HTMLText.escape(cluster.label))</h3>\n"
        if cluster.representatives.isEmpty {
            html += "<p class=\"empty\">No representatives.</p>\n"
        } else {
            html +=
                "<h4>Representative failures</h4>\n<table class=\"evidence\">\n<thead><tr><th>Id</th><th>Input</th>"
                + "<th>Response</th><th class=\"num\">Distance</th></tr></thead>\n<tbody>\n"
            for representative in cluster.representatives {
                html +=
                    "<tr><td><code>\(HTMLText.escape(representative.id))</code></td>"
                    + "<td>\(HTMLText.escape(representative.input))</td>"
                    + "<td class=\"response\">\(HTMLText.escape(representative.response))</td>"
                    + "<td class=\"num\">\(HTMLText.number(representative.distance))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        if cluster.candidates.isEmpty {
            html += "<p class=\"empty\">No patch candidates.</p>\n"
        } else {
            html +=
                "<h4>Patch candidates</h4>\n<table class=\"candidates\">\n<thead><tr><th class=\"num\">Rank</th>"
                + "<th>Patch</th><th class=\"patch-col\">Patch text and explanation</th>"
                + "<th class=\"num\" title=\"hallucination reduction\">Halluc.<br>reduction</th>"
                + "<th class=\"num\">Clarity</th><th class=\"num\" title=\"length safety\">Length<br>safety</th>"
                + "<th class=\"num\" title=\"cluster severity\">Cluster<br>severity</th><th class=\"num\">Score</th>"
                + "<th class=\"status-col\">Status</th></tr></thead>\n<tbody>\n"
            for candidate in cluster.candidates {
                let rowClass =
                    candidate.selected
                    ? " class=\"selected\""
                    : candidate.excludedReason != nil
                        ? " class=\"excluded\"" : ""
                let criteria = candidate.criteria.map {
                    [$0.hallucinationReduction, $0.clarity, $0.lengthSafety, $0.clusterSeverity]
                }
                let cells = (criteria ?? [Double](repeating: .nan, count: 4)).map {
                    "<td class=\"num\">\($0.isNaN ? "—" : HTMLText.number($0, digits: 2))</td>"
                }
                let status =
                    candidate.selected
                    ? "<span class=\"badge selected\">selected</span>"
                    : candidate.excludedReason != nil ? "<span class=\"badge excluded\">excluded</span>" : ""
                let exclusion =
                    candidate.excludedReason.map {
                        "<div class=\"exclusion\">Excluded: \(HTMLText.escape($0))</div>"
                    } ?? ""
                html +=
                    "<tr\(rowClass)><td class=\"num\">\(candidate.rank.map(String.init) ?? "—")</td>"
                    + "<td><code>\(HTMLText.escape(candidate.patchID))</code><br><span class=\"strategy\">"
                    + "\(HTMLText.escape(candidate.strategy))</span></td>"
                    + "<td><div class=\"patch\">\(HTMLText.escape(candidate.patchText))</div>"
                    + "<div class=\"explanation\">\(HTMLText.escape(candidate.explanation))</div>\(exclusion)</td>"
                    + cells.joined()
                    + "<td class=\"num\"><strong>\(candidate.score.map { HTMLText.number($0) } ?? "—")</strong></td>"
                    + "<td>\(status)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</article>\n"
        return html
    }

    /// The base prompt and, when written, the new one with what changed marked.
    static func promptsSection(_ report: PipelineReport) -> String {
        var html = "<section id=\"prompts\">\n<h2>Prompts</h2>\n"
        html += "<h3>Base: <code>\(HTMLText.escape(report.basePrompt.id))</code></h3>\n"
        html += "<pre class=\"prompt\">\(HTMLText.escape(report.basePrompt.text))</pre>\n"
        if report.outcome.written, let text = report.outcome.promptText {
            html +=
                "<h3>New: <code>\(HTMLText.escape(report.outcome.promptID ?? "?"))</code> "
                + "<span class=\"hint\">(added or changed text is marked)</span></h3>\n"
            html += "<pre class=\"prompt\">\(Self.markedChange(from: report.basePrompt.text, to: text))</pre>\n"
        }
        html += "</section>\n"
        return html
    }

    /// `new` with the part between its common prefix and suffix with `old` wrapped in `<ins>`, escaped.
    static func markedChange(from old: String, to new: String) -> String {
        let oldCharacters = Array(old)
        let newCharacters = Array(new)
        var prefix = 0
        while prefix < min(oldCharacters.count, newCharacters.count), oldCharacters[prefix] == newCharacters[prefix] {
            prefix += 1
        }
        var suffix = 0
        while suffix < min(oldCharacters.count, newCharacters.count) - prefix,
            oldCharacters[oldCharacters.count - 1 - suffix] == newCharacters[newCharacters.count - 1 - suffix]
        {
            suffix += 1
        }
        let head = String(newCharacters[0..<prefix])
        let middle = String(newCharacters[prefix..<(newCharacters.count - suffix)])
        let tail = String(newCharacters[(newCharacters.count - suffix)...])
        return HTMLText.escape(head) + (middle.isEmpty ? "" : "<ins>\(HTMLText.escape(middle))</ins>")
            + HTMLText.escape(tail)
    }

    /// Counts as `name 12 · other 3`, largest first, ties by name.
    static func counts(_ counts: [String: Int]) -> String {
        guard !counts.isEmpty else { return "—" }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "<span class=\"count\">\(HTMLText.escape($0.key)) <b>\($0.value)</b></span>" }
            .joined(separator: " ")
    }

    /// A fragment id made of letters, digits, `-` and `_` only.
    static func anchor(_ id: String) -> String {
        "c-" + String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }
}
