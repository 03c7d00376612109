import Experiences
import Foundation
import Pipeline
import Reporting

/// One HTML report per pipeline run, named by the run's id, and `reports/index.html` listing them all: a run no
/// longer overwrites the report of the previous run on the same base prompt.
enum RunReports {
    /// The id of a run: its base prompt and start time (UTC, to the second), e.g. `p_v1_1-20261202T182300Z`, with
    /// `-2`, `-3`, ... when another run of the same base started in the same second.
    static func claimRunID(for run: PipelineRun, in folder: URL) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stem = "\(run.basePromptID)-\(formatter.string(from: run.startedAt))"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for attempt in 1...1000 {
            let id = attempt == 1 ? stem : "\(stem)-\(attempt)"
            // Creating the file exclusively claims the name, so two runs at once cannot both take it.
            let descriptor = open(
                folder.appendingPathComponent(Self.fileName(runID: id)).path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                close(descriptor)
                return id
            }
            guard errno == EEXIST else { break }
        }
        throw CommandFailure("cannot create a report file in \(folder.path): \(String(cString: strerror(errno)))")
    }

    static func fileName(runID: String) -> String { "pipeline-\(runID).html" }

    /// Writes the run's page and updates the index.
    /// - Returns: The path of the run's page.
    static func write(
        _ report: PipelineReport, run: PipelineRun, simulated: Bool, registryPath: String
    ) throws -> String {
        let folder = URL(fileURLWithPath: registryPath).deletingLastPathComponent().appendingPathComponent("reports")
        let runID = try Self.claimRunID(for: run, in: folder)
        let path = try writeReport(report, registryPath: registryPath, name: Self.fileName(runID: runID))
        let indexURL = folder.appendingPathComponent("index.json")
        var index =
            (try? Data(contentsOf: indexURL)).flatMap { try? JSONDecoder().decode(ReportIndex.self, from: $0) }
            ?? ReportIndex()
        index.add(
            ReportIndex.Entry(
                runID: runID, file: Self.fileName(runID: runID), startedAt: RFC3339.string(from: run.startedAt),
                basePromptID: run.basePromptID, writtenPromptID: run.writtenPromptID, summary: run.summary,
                simulated: simulated))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(index).write(to: indexURL, options: .atomic)
        let listed = Set(index.entries.map(\.file))
        let others = (try FileManager.default.contentsOfDirectory(atPath: folder.path))
            .filter { $0.hasSuffix(".html") && $0 != "index.html" && !listed.contains($0) }.sorted()
        try Data(index.html(others: others).utf8).write(
            to: folder.appendingPathComponent("index.html"), options: .atomic)
        return path
    }
}
