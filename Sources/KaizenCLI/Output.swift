import Foundation

/// A plain-text table with aligned columns, for terminal output.
struct Table {
    var headers: [String]
    var rows: [[String]]

    func rendered() -> String {
        var widths = self.headers.map(\.count)
        for row in self.rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(self.headers), line(widths.map { String(repeating: "-", count: $0) })]
        lines += self.rows.map(line)
        if self.rows.isEmpty { lines.append("(none)") }
        return lines.joined(separator: "\n")
    }
}

/// Pretty, key-sorted JSON text of `value`.
func jsonString(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Progress of `total` calls on standard error, about every tenth and at the end: "answered 40/400".
func printProgress(_ verb: String, done: Int, of total: Int) {
    if done % max(1, total / 10) == 0 || done == total { printError("\(verb) \(done)/\(total)") }
}

/// An error a command reports as one line, without the usage text that `ValidationError` adds.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Writes a line to standard output unbuffered, so results and the progress on standard error stay in order.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
