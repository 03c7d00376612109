import Foundation
import Reporting
import Testing

/// The reports index: newest run first, one row per page, text escaped, other pages listed by name.
struct ReportIndexTests {
    static func entry(_ runID: String, startedAt: String, summary: String = "nothing to fix") -> ReportIndex.Entry {
        ReportIndex.Entry(
            runID: runID, file: "pipeline-\(runID).html", startedAt: startedAt, basePromptID: "p_v1_1",
            writtenPromptID: nil, summary: summary, simulated: true)
    }

    @Test func entriesAreNewestFirstAndAPageIsListedOnce() {
        var index = ReportIndex()
        index.add(Self.entry("p_v1_1-20261202T100000Z", startedAt: "2026-12-02T10:00:00Z"))
        index.add(Self.entry("p_v1_1-20261202T120000Z", startedAt: "2026-12-02T12:00:00Z"))
        index.add(Self.entry("p_v1_1-20261202T100000Z", startedAt: "2026-12-02T10:00:00Z", summary: "again"))
        #expect(index.entries.map(\.runID) == ["p_v1_1-20261202T120000Z", "p_v1_1-20261202T100000Z"])
        #expect(index.entries.last?.summary == "again")
    }

    @Test func ofRunsInTheSameSecondTheLaterComesFirst() {
        var index = ReportIndex()
        index.add(Self.entry("p_v1_1-20261202T100000Z", startedAt: "2026-12-02T10:00:00Z"))
        index.add(Self.entry("p_v1_1-20261202T100000Z-2", startedAt: "2026-12-02T10:00:00Z"))
        index.add(Self.entry("p_v1_1-20261202T090000Z", startedAt: "2026-12-02T09:00:00Z"))
        #expect(
            index.entries.map(\.runID) == [
                "p_v1_1-20261202T100000Z-2", "p_v1_1-20261202T100000Z", "p_v1_1-20261202T090000Z",
            ])
    }

    @Test func thePageLinksEveryRunAndEscapesText() {
        var index = ReportIndex()
        index.add(Self.entry("p_v1_1-20261202T100000Z", startedAt: "2026-12-02T10:00:00Z", summary: "<b>x</b> & y"))
        let html = index.html(others: ["demo.html"])
        #expect(html.contains("href=\"pipeline-p_v1_1-20261202T100000Z.html\""))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; y"))
        #expect(!html.contains("<b>x</b>"))
        #expect(html.contains("href=\"demo.html\""))
    }
}
