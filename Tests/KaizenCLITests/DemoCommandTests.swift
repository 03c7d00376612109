import Foundation
import Testing

/// `kaizen demo` as a user runs it: what it says it logs is what it logs.
struct DemoCommandTests {
    /// 30 interactions in the experience format, a third of them failures.
    static func userData() -> String {
        (0..<30).map { index in
            let failed = index % 3 == 0
            return
                #"{"id":"u\#(index)","input":"What is the return window for order \#(index)?","context":"Returns are accepted within 30 days of delivery.","response":"\#(failed ? "Returns are accepted within 90 days, says our founder Ann Smith." : "Returns are accepted within 30 days of delivery.")","success":\#(!failed)}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func eachRoundSaysHowManyInteractionsItReallyLogs() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        let data = try kaizen.write("interactions.jsonl", Self.userData())
        let run = try await kaizen.run([
            "demo", "--dir", kaizen.path("demo"), "--data", data, "--rounds", "2", "--interactions", "20",
            "--steps", "2", "--group-size", "2",
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("round 1: 30 real interactions from \(data) under p_v1_1"), "\(run.stdout)")
        #expect(run.stdout.contains("round 2: logging 20 interactions under"), "\(run.stdout)")
        #expect(!run.stdout.contains("logging 30"), "\(run.stdout)")
    }

    /// A `--dir` that is a file (or below one) is named, not answered with Foundation's "Code=516 ... File exists".
    @Test func aDirThatIsAFileIsNamed() async throws {
        let kaizen = try KaizenExecutable.make()
        defer { kaizen.remove() }
        try kaizen.write("notes.txt", "mine\n")
        for dir in ["notes.txt", "notes.txt/demo"] {
            let run = try await kaizen.run(["demo", "--dir", dir])
            #expect(
                run.status == 1
                    && run.stderr == "error: --dir \(dir): \(kaizen.path("notes.txt")) is a file, not a folder\n",
                "\(run)")
        }
        #expect(try String(contentsOfFile: kaizen.path("notes.txt"), encoding: .utf8) == "mine\n")
    }
}
