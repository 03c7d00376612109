import FailureClustering
import Foundation

/// A labelled corpus read from a TSV file (`label<TAB>text` per line) without one `String` per text: the file's
/// bytes become the `TextCorpus` buffer and each text a span of it.
struct CorpusFile {
    var corpus: TextCorpus
    /// Each line's label as a small integer (labels numbered in order of first appearance).
    var labels: [Int32]

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            guard let chunk = try handle.read(upToCount: min(64 << 20, size - filled)), !chunk.isEmpty else { break }
            bytes.withUnsafeMutableBufferPointer { buffer in
                _ = chunk.copyBytes(to: UnsafeMutableBufferPointer(rebasing: buffer[filled..<(filled + chunk.count)]))
            }
            filled += chunk.count
        }
        var spans: [Range<Int>] = []
        var labels: [Int32] = []
        var labelIDs: [String: Int32] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = 0
            while lineStart < size {
                var lineEnd = lineStart
                var tab = -1
                while lineEnd < size && buffer[lineEnd] != 0x0A {
                    if tab < 0 && buffer[lineEnd] == 0x09 { tab = lineEnd }
                    lineEnd += 1
                }
                if tab >= 0 {
                    var textEnd = lineEnd
                    if textEnd > tab + 1 && buffer[textEnd - 1] == 0x0D { textEnd -= 1 }
                    let label = String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<tab]), as: UTF8.self)
                    let id =
                        labelIDs[label]
                        ?? {
                            let next = Int32(labelIDs.count)
                            labelIDs[label] = next
                            return next
                        }()
                    labels.append(id)
                    spans.append((tab + 1)..<textEnd)
                }
                lineStart = lineEnd + 1
            }
        }
        self.corpus = TextCorpus(bytes: bytes, spans: spans)
        self.labels = labels
    }
}
