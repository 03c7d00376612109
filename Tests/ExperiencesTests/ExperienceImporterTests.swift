import Experiences
import Foundation
import Testing

struct ExperienceImporterTests {
    static let good = #"{"id":"a","input":"q","response":"r","reward":0.2}"#

    /// One bad line of each kind, with the line number and field the report must name.
    static let badLines: [(line: String, field: String?, message: String)] = [
        ("not json at all", nil, "not valid JSON"),
        (#"["an", "array"]"#, nil, "expected a JSON object"),
        (#"{"input":"q","response":"r","reward":0.2}"#, "id", "is required"),
        (#"{"id":"b","response":"r","reward":0.2}"#, "input", "is required"),
        (#"{"id":"b","input":"q","reward":0.2}"#, "response", "is required"),
        (#"{"id":"b","input":"q","response":"r","reward":"high"}"#, "reward", "wrong type"),
        (#"{"id":"b","input":"q","response":"r","reward":1.2}"#, "reward", "between 0 and 1"),
        (#"{"id":"b","input":"q","response":"r"}"#, nil, "has neither 'reward' (a number from 0 to 1) nor 'success'"),
        (#"{"id":"b","input":"q","response":"r","success":"yes"}"#, "success", "wrong type"),
        (#"{"id":"b","input":"q","response":"r","success":true,"created_at":"yesterday"}"#, "created_at", "RFC 3339"),
        (#"{"id":"","input":"q","response":"r","success":true}"#, "id", "must not be empty"),
        (#"{"id":7,"input":"q","response":"r","success":true}"#, "id", "wrong type"),
        (#"{"id":"b","input":null,"response":"r","success":true}"#, "input", "must not be null"),
        (#"{"id":"b","input":"q","response":"r","success":true,"metadata":[1]}"#, "metadata", "wrong type"),
        // Beyond any double: Foundation calls the line invalid JSON; the report names the number and its field.
        (
            #"{"id":"b","input":"q \" 1e999","response":"r","success":true,"latency_ms":1e400}"#, "latency_ms",
            "out of range"
        ),
        (
            #"{"id":"b","input":"q","response":"r","success":true,"metadata":{"x":[1,-2e999]}}"#, "metadata.x[1]",
            "got -2e999"
        ),
        // What a store could not keep or read back: a NUL ends SQLite's text; year 10000 is written and not read.
        (#"{"id":"b\u0000c","input":"q","response":"r","success":true}"#, "id", "NUL character"),
        (#"{"id":"b","prompt_id":"p_v1_1\u0000x","input":"q","response":"r","success":true}"#, "prompt_id", "NUL"),
        (#"{"id":"b","input":"q","response":"\u0000","success":true}"#, "response", "NUL character"),
        (
            #"{"id":"b","input":"q","response":"r","success":true,"created_at":"10000-01-01T00:00:00Z"}"#, "created_at",
            "RFC 3339"
        ),
        (
            #"{"id":"b","input":"q","response":"r","success":true,"created_at":"9999-12-31T23:59:59.9999Z"}"#,
            "created_at", "RFC 3339"
        ),
        (
            #"{"id":"b","input":"q","response":"r","success":true,"created_at":"2024-02-30T00:00:00Z"}"#, "created_at",
            "RFC 3339"
        ),
        (
            #"{"id":"b","input":"q","response":"r","success":true,"created_at":"0000-01-01T00:00:00+14:00"}"#,
            "created_at", "RFC 3339"
        ),
        (
            #"{"id":"b","input":"q","response":"r","success":true,"metadata":\#(deepMetadata)}"#, "metadata",
            "33 levels deep"
        ),
    ]

    /// Metadata one level deeper than the importer keeps (the `metadata` object is level 1).
    static let deepMetadata = String(repeating: #"{"a":"#, count: 33) + "1" + String(repeating: "}", count: 33)

    @Test(arguments: 0..<badLines.count)
    func badLineIsReportedWithLineAndField(_ index: Int) async throws {
        let bad = Self.badLines[index]
        let file = [Self.good, "", bad.line].joined(separator: "\n")
        let store: any ExperienceStore = InMemoryExperienceStore()
        let error = await #expect(throws: ImportError.self) {
            try await ExperienceImporter().importExperiences(Data(file.utf8), into: store)
        }
        guard case .invalidLines(let issues) = error else {
            Issue.record("expected invalid lines, got \(String(describing: error))")
            return
        }
        #expect(issues.count == 1)
        #expect(issues.first?.line == 3)
        #expect(issues.first?.field == bad.field)
        #expect(issues.first?.message.contains(bad.message) == true, "\(issues.first?.message ?? "")")
        #expect(try await store.statistics(failureThreshold: 0.5).total == 0, "nothing may be imported")
    }

    @Test func skipInvalidImportsTheValidLinesAndCountsTheRest() async throws {
        let file = [Self.good, "garbage", #"{"id":"c","input":"q","response":"r","success":false}"#].joined(
            separator: "\n")
        let store: any ExperienceStore = InMemoryExperienceStore()
        let report = try await ExperienceImporter(skipInvalid: true).importExperiences(Data(file.utf8), into: store)
        #expect(report.lines == 3)
        #expect(report.inserted == 2)
        #expect(report.skipped.map(\.line) == [2])
        #expect(try await store.statistics(failureThreshold: 0.5).total == 2)
    }

    @Test func emptyFileIsAnError() async throws {
        for content in ["", "\n\n  \n"] {
            await #expect(throws: ImportError.empty) {
                try await ExperienceImporter(skipInvalid: true).importExperiences(
                    Data(content.utf8), into: InMemoryExperienceStore())
            }
        }
    }

    @Test func nonJSONFileImportsNothing() async throws {
        let csv = "id,input,response\n1,hello,world\n"
        let store: any ExperienceStore = InMemoryExperienceStore()
        let error = await #expect(throws: ImportError.self) {
            try await ExperienceImporter().importExperiences(Data(csv.utf8), into: store)
        }
        guard case .invalidLines(let issues) = error else {
            Issue.record("expected invalid lines")
            return
        }
        #expect(issues.map(\.line) == [1, 2])
        #expect(try await store.statistics(failureThreshold: 0.5).total == 0)
        let binary = Data([0xFF, 0xFE, 0x00, 0x12, 0x0A, 0x80])
        await #expect(throws: ImportError.self) {
            try await ExperienceImporter().importExperiences(binary, into: store)
        }
    }

    @Test func duplicateIDsInOneFileAreReported() async throws {
        let file = [Self.good, #"{"id":"x","input":"q","response":"r","success":true}"#, Self.good].joined(
            separator: "\n")
        let parsed = ExperienceImporter().parse(Data(file.utf8))
        #expect(parsed.experiences.map(\.id) == ["a", "x"])
        #expect(parsed.issues == [ImportIssue(line: 3, field: "id", message: "duplicate id 'a', first on line 1")])
    }

    @Test func reimportingIsIdempotent() async throws {
        let file = [Self.good, #"{"id":"x","input":"q","response":"r","success":true}"#].joined(separator: "\n")
        let store: any ExperienceStore = InMemoryExperienceStore()
        let first = try await ExperienceImporter().importExperiences(Data(file.utf8), into: store)
        let second = try await ExperienceImporter().importExperiences(Data(file.utf8), into: store)
        #expect(first.inserted == 2)
        #expect(second.inserted == 0 && second.alreadyPresent == 2)
        #expect(try await store.statistics(failureThreshold: 0.5).total == 2)
    }

    @Test func fullLineDecodesEveryField() throws {
        let line =
            #"{"id":"a","created_at":"2025-12-10T14:22:00.250+01:00","prompt_id":"p_v1_3","input":"q","context":"c","response":"r","reference":"ref","reward":0.4,"success":false,"failure_type":"hallucination","metadata":{"k":[1,"two",null]}}"#
        let parsed = ExperienceImporter().parse(Data(line.utf8))
        let experience = try #require(parsed.experiences.first)
        #expect(experience.createdAt == RFC3339.date(from: "2025-12-10T13:22:00.250Z"))
        #expect(
            experience.promptID == "p_v1_3" && experience.reference == "ref"
                && experience.failureType == "hallucination")
        #expect(experience.metadata == ["k": [1, "two", nil]])
        #expect(experience.isFailure())
    }
}

/// Keys no field reads are allowed but counted and named, with the field a common one meant: HaluEval's
/// `knowledge` imported without a `context` would make every grounded answer look invented.
struct UnreadKeysTests {
    @Test func theImporterCountsKeysNoFieldReadsAndNamesWhatTheyMeant() throws {
        let lines = [
            #"{"id":"a","input":"q","response":"r","success":true,"knowledge":"k","user_id":7}"#,
            #"{"id":"b","input":"q","response":"r","success":true,"knowledge":"k"}"#,
            #"{"id":"c","input":"q","context":"k","response":"r","success":true,"metadata":{"knowledge":"k"}}"#,
        ]
        let parsed = ExperienceImporter().parse(Data(lines.joined(separator: "\n").utf8))
        #expect(parsed.issues.isEmpty && parsed.experiences.count == 3)
        #expect(parsed.unreadKeys.lines == ["knowledge": 2, "user_id": 1])
        #expect(
            parsed.unreadKeys.sentence(lines: 3, consequence: "not stored")
                == "not read, so not stored: 'knowledge' on 2 of 3 lines (did you mean 'context'?), 'user_id' on 1 of 3 lines"
        )
    }

    @Test func everyKeyOfAnExperienceIsRead() throws {
        let line =
            #"{"id":"a","created_at":"2026-01-01T00:00:00Z","prompt_id":"p_v1_1","input":"q","context":"c","response":"r","reference":"x","reward":0.5,"success":true,"failure_type":"other","metadata":{}}"#
        let parsed = ExperienceImporter().parse(Data(line.utf8))
        #expect(parsed.issues.isEmpty)
        #expect(parsed.unreadKeys.isEmpty && parsed.unreadKeys.sentence(lines: 1) == nil)
    }

    @Test func theCountEncodesAsAPlainObject() throws {
        var keys = UnreadKeys()
        keys.note(["question", "input", "answer"])
        keys.note(["question"])
        let encoded = try JSONEncoder.sorted.encode(keys)
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"answer":1,"question":2}"#)
        #expect(try JSONDecoder().decode(UnreadKeys.self, from: encoded) == keys)
        #expect(
            keys.sentence(lines: 2)
                == "not read, so not used: 'question' on 2 of 2 lines (did you mean 'input'?), 'answer' on 1 of 2 lines (did you mean 'response'?)"
        )
    }
}

/// The dates a store keeps: real days in the years 1 to 9999, leap days included.
struct StorableDateTests {
    @Test func realDaysAreReadAndOthersAreNot() {
        for good in [
            "2024-02-29T00:00:00Z", "2025-12-10T14:22:00.250Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2000-02-29T12:00:00+02:00",
        ] {
            #expect(RFC3339.date(from: good) != nil, "\(good)")
        }
        for bad in [
            "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-00-10T00:00:00Z", "99999-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "yesterday",
        ] {
            #expect(RFC3339.date(from: bad) == nil, "\(bad)")
        }
    }

    @Test func theImporterKeepsMetadataUpToItsDepth() {
        let keep = String(repeating: #"{"a":"#, count: 32) + "1" + String(repeating: "}", count: 32)
        let line = #"{"id":"b","input":"q","response":"r","success":true,"metadata":"# + keep + "}"
        let parsed = ExperienceImporter().parse(Data(line.utf8))
        #expect(parsed.issues.isEmpty && parsed.experiences.count == 1, "\(parsed.issues)")
    }

    @Test func atMostAHundredDistinctUnreadKeysAreCounted() {
        var keys = UnreadKeys()
        keys.note((0..<150).map { "k\($0)" })
        keys.note(["k0", "k149"])
        #expect(keys.lines.count == UnreadKeys.limit)
        #expect(keys.lines["k0"] == 2 && keys.lines["k149"] == nil)
    }
}

/// ``ExperienceImporter/scoreUnlabelled``: a line without an outcome is completed, not refused, and nothing else
/// about validation changes.
struct UnlabelledLinesTests {
    static let importer = ExperienceImporter(scoreUnlabelled: { experience in
        var scored = experience
        scored.reward = experience.response.count > 3 ? 0.9 : 0.1
        scored.metadata["labelled_by"] = .string("test")
        return scored
    })

    @Test func onlyLinesWithoutAnOutcomeAreScored() throws {
        let lines = [
            #"{"id":"a","input":"q","response":"long answer"}"#,
            #"{"id":"b","input":"q","response":"no"}"#,
            #"{"id":"c","input":"q","response":"given","success":false}"#,
            #"{"id":"d","input":"q","response":"given","reward":0.3}"#,
        ]
        let parsed = Self.importer.parse(Data(lines.joined(separator: "\n").utf8))
        #expect(parsed.issues.isEmpty)
        #expect(parsed.scored == 2)
        #expect(parsed.experiences.map(\.id) == ["a", "b", "c", "d"])
        #expect(parsed.experiences.map(\.reward) == [0.9, 0.1, nil, 0.3])
        #expect(parsed.experiences.map(\.success) == [nil, nil, false, nil])
        #expect(parsed.experiences.map { $0.metadata["labelled_by"] } == [.string("test"), .string("test"), nil, nil])
    }

    @Test func badAndDuplicateLinesAreStillRefusedAndNotScored() throws {
        let lines = [
            #"{"id":"a","input":"q","response":"long answer"}"#,
            #"{"id":"a","input":"q","response":"again"}"#,
            #"{"id":"b","response":"no input"}"#,
            #"{"id":"c","input":"q","response":"r","reward":4}"#,
        ]
        let parsed = Self.importer.parse(Data(lines.joined(separator: "\n").utf8))
        #expect(parsed.issues.map(\.line) == [2, 3, 4])
        #expect(parsed.issues.map(\.field) == ["id", "input", "reward"])
        #expect(parsed.scored == 1)
        #expect(parsed.experiences.map(\.id) == ["a"])
    }

    @Test func withoutAScorerTheLineIsRefusedAsBefore() throws {
        let parsed = ExperienceImporter().parse(Data(#"{"id":"a","input":"q","response":"r"}"#.utf8))
        #expect(parsed.scored == 0 && parsed.experiences.isEmpty)
        #expect(parsed.issues.first?.message.hasPrefix("has neither 'reward'") == true)
    }
}
