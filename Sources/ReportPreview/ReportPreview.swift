import Foundation
import Reporting

/// Renders a pipeline report JSON file to a self-contained HTML page, for looking at the report's layout without
/// running the pipeline (see `Scripts/check_report.sh`).
///
/// Usage: `ReportPreview REPORT.json [OUT.html]`; without `OUT.html` the page goes to standard output.
@main struct ReportPreview {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let input = arguments.first, arguments.count <= 2, !input.hasPrefix("-") else {
            Self.fail("usage: ReportPreview REPORT.json [OUT.html]")
        }
        let report: PipelineReport
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: input))
            report = try JSONDecoder().decode(PipelineReport.self, from: data)
        } catch let error as DecodingError {
            Self.fail("\(input): not a valid pipeline report: \(error)")
        } catch {
            Self.fail("cannot read \(input): \(error.localizedDescription)")
        }
        let html = HTMLReport.render(report)
        guard arguments.count == 2 else {
            FileHandle.standardOutput.write(Data(html.utf8))
            return
        }
        let output = arguments[arguments.startIndex + 1]
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            Self.fail("cannot write \(output): \(error.localizedDescription)")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }
}
