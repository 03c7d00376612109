import Foundation

/// The list of pipeline reports in a reports folder, newest first, kept as `index.json` beside them and rendered as
/// `index.html`, so every run keeps its own page (one per run id) and a person finds them all from one place.
package struct ReportIndex: Sendable, Hashable, Codable {
    /// One report page.
    package struct Entry: Sendable, Hashable, Codable {
        /// The run's id, which also names its page (`pipeline-<run id>.html`).
        package var runID: String
        /// The page's file name, relative to the folder.
        package var file: String
        /// When the run started (RFC 3339).
        package var startedAt: String
        package var basePromptID: String
        /// The version the run wrote, if any.
        package var writtenPromptID: String?
        /// One sentence: what happened.
        package var summary: String
        /// Whether the figures came from the simulator.
        package var simulated: Bool

        package init(
            runID: String, file: String, startedAt: String, basePromptID: String, writtenPromptID: String?,
            summary: String, simulated: Bool
        ) {
            self.runID = runID
            self.file = file
            self.startedAt = startedAt
            self.basePromptID = basePromptID
            self.writtenPromptID = writtenPromptID
            self.summary = summary
            self.simulated = simulated
        }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case file
            case startedAt = "started_at"
            case basePromptID = "base_prompt_id"
            case writtenPromptID = "written_prompt_id"
            case summary, simulated
        }
    }

    /// The reports, newest first.
    package var entries: [Entry]

    package init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Adds (or replaces, by file) an entry and keeps the newest first; of runs that started in the same second, the
    /// one added last comes first.
    package mutating func add(_ entry: Entry) {
        let earlier = self.entries.filter { $0.file != entry.file }
        self.entries = ([entry] + earlier).enumerated()
            .sorted { ($0.element.startedAt, $1.offset) > ($1.element.startedAt, $0.offset) }
            .map(\.element)
    }

    /// The index page: one row per report, linking to it, then other pages in the folder (`others`, e.g. the demo's
    /// and reports written before the index existed) by name.
    package func html(others: [String] = []) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>Kaizen reports</title>\n<style>\n\(HTMLReport.style)</style>\n</head>\n<body>\n<main>\n"
        html +=
            "<header>\n<h1>Kaizen reports</h1>\n<p class=\"meta\">\(self.entries.count) pipeline run(s), newest first"
            + "</p>\n</header>\n"
        html +=
            "<section>\n<table>\n<thead><tr><th>run</th><th>started</th><th>base prompt</th><th>written</th>"
            + "<th>what happened</th></tr></thead>\n<tbody>\n"
        for entry in self.entries {
            let file = HTMLText.escape(entry.file)
            html +=
                "<tr><td><a href=\"\(file)\">\(HTMLText.escape(entry.runID))</a>"
                + (entry.simulated ? " (simulated)" : "") + "</td>"
                + "<td>\(HTMLText.escape(entry.startedAt))</td>"
                + "<td><code>\(HTMLText.escape(entry.basePromptID))</code></td>"
                + "<td>\(entry.writtenPromptID.map { "<code>\(HTMLText.escape($0))</code>" } ?? "–")</td>"
                + "<td>\(HTMLText.escape(entry.summary))</td></tr>\n"
        }
        if self.entries.isEmpty { html += "<tr><td colspan=\"5\">No pipeline runs yet.</td></tr>\n" }
        html += "</tbody>\n</table>\n</section>\n"
        if !others.isEmpty {
            html += "<section>\n<h2>Other reports</h2>\n<ul>\n"
            html += others.map { "<li><a href=\"\(HTMLText.escape($0))\">\(HTMLText.escape($0))</a></li>\n" }.joined()
            html += "</ul>\n</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }
}
