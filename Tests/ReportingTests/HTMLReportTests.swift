import Foundation
import Reporting
import Testing

struct HTMLReportTests {
    /// How often `needle` occurs in `text`.
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The `<figure>` with `data-chart="name"`, or `nil`.
    static func figure(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "data-chart=\"\(name)\"") else { return nil }
        guard let end = html.range(of: "</figure>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.lowerBound])
    }

    @Test func reportTextIsEscaped() {
        let html = HTMLReport.render(ReportFixtures.full())
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Who runs the &lt;b&gt;store&lt;/b&gt;?"))
        #expect(html.contains("<title>Demo &amp; run</title>"))

        var hostile = ReportFixtures.full()
        hostile.clusters[0].id = "\"><img src=x onerror=alert(1)>"
        hostile.clusters[0].candidates[0].patchText = "</div><style>body{display:none}</style>"
        hostile.model.name = "<i>m</i>"
        let rendered = HTMLReport.render(hostile)
        #expect(!rendered.contains("<img"))
        #expect(!rendered.contains("<i>m</i>"))
        #expect(Self.occurrences(of: "<style", in: rendered) == 1)
        #expect(rendered.contains("id=\"c----img-src-x-onerror-alert-1--\""))
    }

    @Test func thePageNeedsNothingFromOutside() throws {
        for report in [ReportFixtures.full(), ReportFixtures.empty] {
            let html = HTMLReport.render(report)
            let attribute = try Regex(#"(?i)\b(src|href)\s*=\s*["']?([^"'\s>]*)"#)
            for match in html.matches(of: attribute) {
                let value = String(match.output[2].substring ?? "")
                #expect(value.hasPrefix("#"), "external reference: \(value)")
            }
            #expect(!html.lowercased().contains("http"))
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("url("))
            #expect(!html.contains("@import"))
        }
    }

    @Test func simulatedFiguresAreFlaggedProminently() throws {
        let html = HTMLReport.render(ReportFixtures.full())
        let notice = try #require(
            html.range(of: "Simulated model — exercises the machinery, not evidence a real model improved."))
        let summary = try #require(html.range(of: "class=\"summary"))
        #expect(notice.lowerBound < summary.lowerBound)
        #expect(!HTMLReport.render(ReportFixtures.empty).contains("Simulated model"))
    }

    @Test(arguments: [1, 2, 12, 40]) func trainingChartsHaveOnePointPerStep(steps: Int) throws {
        let html = HTMLReport.render(ReportFixtures.full(steps: steps))
        let reward = try #require(Self.figure("training-reward", in: html))
        let kl = try #require(Self.figure("training-kl", in: html))
        #expect(Self.occurrences(of: "<circle class=\"point\" data-series=\"mean_reward\"", in: reward) == steps)
        #expect(Self.occurrences(of: "<circle class=\"point\" data-series=\"kl_divergence\"", in: kl) == steps)
        #expect(Self.occurrences(of: "<polyline", in: reward) == 1)
        #expect(reward.contains(">step</text>") && reward.contains(">mean reward</text>"))
        #expect(Self.occurrences(of: "class=\"tick\"", in: reward) >= 4)
        #expect(html.firstMatch(of: try Regex(#"(?i)\b(nan|inf|infinity)\b"#)) == nil)
    }

    @Test func roundsChartHasBothSeriesAndMarksWrittenVersions() throws {
        let html = HTMLReport.render(ReportFixtures.full(rounds: 4))
        let rounds = try #require(Self.figure("rounds", in: html))
        #expect(Self.occurrences(of: "data-series=\"hallucination_rate\" cx=", in: rounds) == 4)
        #expect(Self.occurrences(of: "data-series=\"mean_reward\" cx=", in: rounds) == 4)
        #expect(Self.occurrences(of: "class=\"marker\"", in: rounds) == 3)
        #expect(rounds.contains(">p_v1_2</text>"))
        #expect(
            Self.occurrences(
                of: "<tr><td>",
                in: html.components(separatedBy: "id=\"rounds\"")[1]
                    .components(separatedBy: "</section>")[0]) == 4)
    }

    @Test func selectedCandidateIsHighlightedAndTheIntervalDrawn() throws {
        let html = HTMLReport.render(ReportFixtures.full())
        #expect(Self.occurrences(of: "<tr class=\"selected\"><td class=\"num\">1</td>", in: html) == 1)
        #expect(html.contains("<tr class=\"excluded\">"))
        #expect(html.contains("addresses nothing"))
        let gain = try #require(Self.figure("gain", in: html))
        #expect(gain.contains("class=\"ci gain\""))
        #expect(gain.contains("+0.080 [+0.030, +0.120]"))
        #expect(html.contains("New prompt version <code>p_v1_2</code> written"))
        #expect(html.contains("<ins> Only use the context.</ins>"))
    }

    @Test func aDemoReportLeadsWithTheDemoOutcomeAcrossRounds() throws {
        var report = ReportFixtures.full(rounds: 3)
        // The last round wrote nothing, but the demo wrote p_v1_2 and p_v1_3 in earlier rounds.
        report.outcome = .init(
            written: false, promptID: nil, path: nil, promptText: nil, reason: "no significant improvement")
        let html = HTMLReport.render(report)
        let demo = try #require(html.range(of: "Demo: 3 rounds, wrote <code>p_v1_2</code>, <code>p_v1_3</code>"))
        let lastRound = try #require(html.range(of: "<h2>Last round: No new prompt version</h2>"))
        #expect(demo.lowerBound < lastRound.lowerBound)
        #expect(!html.contains("<h2>No new prompt version</h2>"))
    }

    @Test(arguments: [(0.1, "better"), (0.5, "worse"), (0.3, "same")])
    func theHallucinationAfterBarIsColouredByDirection(after: Double, direction: String) {
        var report = ReportFixtures.full()
        report.evaluation?.hallucinationRateAfter = after
        let html = HTMLReport.render(report)
        #expect(html.contains("<span class=\"hbar-fill after \(direction)\""))
        #expect(Self.occurrences(of: "class=\"hbar-fill after", in: html) == 1)
    }

    @Test func emptyStatesRender() {
        let html = HTMLReport.render(ReportFixtures.empty)
        #expect(html.contains("<h2>No new prompt version</h2>"))
        #expect(html.contains("The token budget was spent before the first step."))
        #expect(html.contains("Training made no steps, so there is no curve."))
        #expect(html.contains("No held-out comparison ran."))
        #expect(html.contains("No failures were clustered."))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("id=\"rounds\""))
        #expect(html.hasSuffix("</html>\n"))

        var noTraining = ReportFixtures.empty
        noTraining.training = nil
        #expect(HTMLReport.render(noTraining).contains("No training ran."))
    }

    @Test func anIntervalAcrossZeroSaysSo() throws {
        var report = ReportFixtures.full()
        report.evaluation?.gain = .init(estimate: 0.01, low: -0.02, high: 0.04)
        report.outcome = .init(written: false, reason: "The gain's interval includes zero.")
        let html = HTMLReport.render(report)
        let gain = try #require(Self.figure("gain", in: html))
        #expect(gain.contains("class=\"ci unsure\""))
        #expect(html.contains("The interval includes zero."))
        #expect(!html.contains("id=\"prompts\"") || !html.contains("<ins>"))
    }

    @Test func renderingIsDeterministic() throws {
        let report = ReportFixtures.full()
        let html = HTMLReport.render(report)
        #expect(html == HTMLReport.render(report))
        let decoded = try JSONDecoder().decode(PipelineReport.self, from: try JSONEncoder().encode(report))
        #expect(HTMLReport.render(decoded) == html)
    }
}
