import Foundation
import Testing
import Verification

struct JSONLinesTests {
    @Test func oneVerdictPerLineInOrder() throws {
        let verifier = try Verifier()
        let input = """
            {"id": "a", "input": "Who starred in Zodiac?", "context": "Zodiac is starring Jake Gyllenhaal", "response": "Jake Gyllenhaal."}

            {"input": "Who starred in Zodiac?", "context": "Zodiac is starring Jake Gyllenhaal", "response": "Tom Hanks did.", "reward": 0.2}
            {"id": "c", "input": "Capital?", "response": "Paris", "reference": "Paris"}
            """
        let verdicts = try verifier.verdicts(forJSONLines: input)
        #expect(verdicts.map(\.id) == ["a", nil, "c"])
        #expect(verdicts.map(\.hallucination) == [false, true, false])
        #expect(verdicts[2].parts.reference == 1)
        let lines = try Verifier.jsonLines(verdicts).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"failure_modes":[],"hallucination":false,"id":"a","parts":{"grounding":"#))
        #expect(lines[0].contains(#""length":1,"relevance":1},"response_kind":"answer","reward":"#))
        #expect(lines[1].contains(#""failure_modes":["hallucination"]"#) && lines[1].contains(#""success":false"#))
        #expect(!lines[1].contains("\"id\""))
        let decoded = try JSONDecoder().decode(Verdict.self, from: Data(lines[2].utf8))
        #expect(decoded == verdicts[2])
        #expect(lines[1].contains(#""unsupported_claims":["tom hanks"]"#))
    }

    /// A file written with Windows line endings reads as the same lines: Swift's "\r\n" is one Character, and
    /// splitting at "\n" left such a file one long line ("line 1: not valid JSON").
    @Test func windowsLineEndingsReadAsTheSameLines() throws {
        let verifier = try Verifier()
        let lines = [
            #"{"id": "a", "input": "Who starred in Zodiac?", "context": "Zodiac is starring Jake Gyllenhaal", "response": "Jake Gyllenhaal."}"#,
            "",
            #"{"id": "b", "input": "Who starred in Zodiac?", "context": "Zodiac is starring Jake Gyllenhaal", "response": "Tom Hanks did."}"#,
        ]
        let unix = try verifier.verdicts(forJSONLines: lines.joined(separator: "\n") + "\n")
        let windows = try verifier.verdicts(forJSONLines: lines.joined(separator: "\r\n") + "\r\n")
        #expect(unix.count == 2)
        #expect(windows == unix)
        #expect(throws: VerificationError.invalidLine(4, "not valid JSON")) {
            try verifier.verdicts(forJSONLines: (lines + ["not json"]).joined(separator: "\r\n"))
        }
    }

    @Test(arguments: [
        ("{\"input\": \"q\"}", "line 2: field 'response' is required"),
        ("{\"input\": \"q\", \"response\": 3}", "line 2: field 'response' has the wrong type (expected a string)"),
        ("{\"input\": \"q\", \"response\": null}", "line 2: field 'response' must not be null (expected a string)"),
        ("[1, 2]", "line 2: each line must be a JSON object with 'input' and 'response'"),
        ("not json", "line 2: not valid JSON"),
        (
            "{\"input\": \"q\", \"response\": \"r\", \"context\": [1e400]}",
            "line 2: field 'context[0]' is out of range, got 1e400"
        ),
    ])
    func badLinesNameTheLine(line: String, message: String) throws {
        let verifier = try Verifier()
        let input = "{\"input\": \"q\", \"response\": \"r\"}\n" + line + "\n"
        #expect {
            try verifier.verdicts(forJSONLines: input)
        } throws: { error in
            let error = error as? VerificationError
            return error?.line == 2 && error?.description == message
        }
    }
}
