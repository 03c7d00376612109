import Foundation

/// Reads experiences from JSON Lines and says exactly which lines are wrong and why.
///
/// Validation is all-or-nothing by default: one bad line stops the import, so a half-imported file never passes
/// for a whole one. With `skipInvalid` the valid lines are imported and the report counts the rest.
package struct ExperienceImporter: Sendable {
    /// Whether to import the valid lines of a file that has bad ones. Default `false`.
    package var skipInvalid: Bool
    /// How lines are read: experiences, OpenAI-style chat logs (``ChatLogLine``), or either per line. Default
    /// `auto`.
    package var format: ImportFormat
    /// Completes a valid line that has neither `reward` nor `success` (raw logs the online side did not score),
    /// typically with the verifier's verdict; `nil` (the default) rejects such a line, as the data format asks.
    package var scoreUnlabelled: (@Sendable (Experience) -> Experience)?

    package init(
        skipInvalid: Bool = false, format: ImportFormat = .auto,
        scoreUnlabelled: (@Sendable (Experience) -> Experience)? = nil
    ) {
        self.skipInvalid = skipInvalid
        self.format = format
        self.scoreUnlabelled = scoreUnlabelled
    }

    /// Parses and validates every non-blank line of `data`.
    /// - Returns: The valid experiences, in file order, and one issue per bad line.
    /// - Complexity: O(n) in the size of the file.
    package func parse(_ data: Data) -> ParsedLines {
        var lines: [(number: Int, data: Data)] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                continue
            }
            lines.append((lineNumber, Data(line)))
        }
        return self.parse(items: lines)
    }

    /// Validates numbered JSON texts, one experience (or chat log) each, as lines of a file are: the HTTP ingestion
    /// numbers a batch's items by index. An issue's `line` is the item's number; `unit` names what it counts in
    /// messages ("line", "item").
    /// - Complexity: O(n) in the total size.
    package func parse(items: [(number: Int, data: Data)], unit: String = "line") -> ParsedLines {
        var parsed = ParsedLines(experiences: [], issues: [], lineCount: 0, scored: 0, unreadKeys: UnreadKeys())
        var firstLineOfID: [String: Int] = [:]
        let decoder = JSONDecoder()
        let scoreUnlabelled = self.scoreUnlabelled
        for (lineNumber, line) in items {
            parsed.lineCount += 1
            switch ChatLogLine.experienceLine(from: line, format: self.format).flatMap({
                Self.validate(
                    $0, decoder: decoder, allowsUnlabelled: scoreUnlabelled != nil, unreadKeys: &parsed.unreadKeys)
            }) {
            case .failure(let issue):
                parsed.issues.append(ImportIssue(line: lineNumber, field: issue.field, message: issue.message))
            case .success(let experience):
                if let first = firstLineOfID[experience.id] {
                    parsed.issues.append(
                        ImportIssue(
                            line: lineNumber, field: "id",
                            message: "duplicate id '\(experience.id)', first on \(unit) \(first)")
                    )
                } else if experience.reward == nil && experience.success == nil, let scoreUnlabelled {
                    firstLineOfID[experience.id] = lineNumber
                    parsed.experiences.append(scoreUnlabelled(experience))
                    parsed.scored += 1
                } else {
                    firstLineOfID[experience.id] = lineNumber
                    parsed.experiences.append(experience)
                }
            }
        }
        return parsed
    }

    /// Parses `data` and stores its experiences in `store`, unless a line is bad and `skipInvalid` is off.
    /// - Throws: ``ImportError`` when the file has no experiences, or has bad lines and `skipInvalid` is off;
    ///   nothing is stored then.
    package func importExperiences(_ data: Data, into store: some ExperienceStore) async throws -> ImportReport {
        let parsed = self.parse(data)
        if parsed.lineCount == 0 {
            throw ImportError.empty
        }
        if !parsed.issues.isEmpty && !self.skipInvalid {
            throw ImportError.invalidLines(parsed.issues)
        }
        let summary = try await store.insert(parsed.experiences)
        return ImportReport(
            lines: parsed.lineCount,
            inserted: summary.inserted,
            alreadyPresent: summary.alreadyPresent,
            scored: parsed.scored,
            skipped: parsed.issues,
            unreadKeys: parsed.unreadKeys
        )
    }

    /// What is wrong with a line that has neither `reward` nor `success` (and no ``scoreUnlabelled``).
    package static let missingOutcome =
        "has neither 'reward' (a number from 0 to 1) nor 'success' (true or false); give one of them"

    /// How deep `metadata` may nest (the object itself is level 1).
    package static let metadataDepth = 32

    /// `limit + 1` when `value` nests deeper than `limit` levels, else `nil`; stops at the first such branch.
    static func depthBeyond(_ limit: Int, _ value: JSONValue) -> Int? {
        func exceeds(_ value: JSONValue, _ level: Int) -> Bool {
            switch value {
            case .array(let items): return level > limit || items.contains { exceeds($0, level + 1) }
            case .object(let fields): return level > limit || fields.values.contains { exceeds($0, level + 1) }
            default: return false
            }
        }
        return exceeds(value, 1) ? limit + 1 : nil
    }

    /// What is wrong with one line: the field at fault (`nil` for the line as a whole) and why.
    package struct LineProblem: Error {
        package var field: String?
        package var message: String
    }

    private static func validate(
        _ line: Data, decoder: JSONDecoder, allowsUnlabelled: Bool, unreadKeys: inout UnreadKeys
    ) -> Result<Experience, LineProblem> {
        guard let object = try? JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed]) else {
            if let error = UnfittingNumber.outOfRangeLiteral(in: line) {
                let problem = DecodingProblem(error)
                return .failure(LineProblem(field: problem.field, message: problem.message))
            }
            let isText = String(validating: line, as: UTF8.self) != nil
            return .failure(LineProblem(field: nil, message: isText ? "not valid JSON" : "not UTF-8 text"))
        }
        guard let fields = object as? [String: Any] else {
            return .failure(LineProblem(field: nil, message: "expected a JSON object"))
        }
        let experience: Experience
        do {
            experience = try decoder.decode(Experience.self, from: line)
        } catch let error as DecodingError {
            let problem = DecodingProblem(error)
            return .failure(LineProblem(field: problem.field, message: problem.message))
        } catch {
            return .failure(LineProblem(field: nil, message: "could not be read"))
        }
        if experience.id.trimmingCharacters(in: .whitespaces).isEmpty {
            return .failure(LineProblem(field: "id", message: "must not be empty"))
        }
        // SQLite's text ends at a NUL: "a\u0000b" was stored as "a", so two ids became one and a prompt id became
        // another prompt's.
        for (field, text) in [
            ("id", experience.id), ("prompt_id", experience.promptID), ("input", experience.input),
            ("context", experience.context), ("response", experience.response), ("reference", experience.reference),
            ("failure_type", experience.failureType),
        ] {
            if let text, text.utf8.contains(0) {
                return .failure(LineProblem(field: field, message: "must not contain a NUL character (\\u0000)"))
            }
        }
        // Answers wrap metadata a few levels deeper (a members page: page, experiences, experience), and JSON
        // coders stop at 512 levels; metadata 508 levels deep was stored and then broke every page it was on.
        if let depth = Self.depthBeyond(Self.metadataDepth, .object(experience.metadata)) {
            return .failure(
                LineProblem(
                    field: "metadata",
                    message: "nests \(depth) levels deep or more; at most \(Self.metadataDepth) are stored"))
        }
        if let reward = experience.reward, !(0...1).contains(reward) {
            return .failure(LineProblem(field: "reward", message: "must be between 0 and 1, got \(reward)"))
        }
        if experience.reward == nil && experience.success == nil && !allowsUnlabelled {
            return .failure(LineProblem(field: nil, message: Self.missingOutcome))
        }
        unreadKeys.note(fields.keys)
        return .success(experience)
    }
}

/// The valid experiences of a file and what was wrong with the rest.
package struct ParsedLines: Sendable {
    package var experiences: [Experience]
    package var issues: [ImportIssue]
    /// Non-blank lines read.
    package var lineCount: Int
    /// Valid lines without `reward` or `success` that ``ExperienceImporter/scoreUnlabelled`` completed.
    package var scored: Int
    /// Keys of the valid lines that no field reads.
    package var unreadKeys: UnreadKeys
}

/// One bad line: where, which field, and what is wrong with it.
package struct ImportIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number in the file.
    package var line: Int
    /// The field at fault (dotted for nested ones), or `nil` when the line as a whole is wrong.
    package var field: String?
    package var message: String

    package init(line: Int, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    package var description: String {
        if let field {
            return "line \(self.line): field '\(field)' \(self.message)"
        }
        return "line \(self.line): \(self.message)"
    }
}

/// What an import did.
package struct ImportReport: Sendable, Hashable, Codable {
    /// Non-blank lines read.
    package var lines: Int
    /// New experiences stored.
    package var inserted: Int
    /// Experiences whose ids the store already had.
    package var alreadyPresent: Int
    /// Lines without `reward` or `success` that ``ExperienceImporter/scoreUnlabelled`` completed.
    package var scored: Int
    /// Bad lines left out (only with `skipInvalid`).
    package var skipped: [ImportIssue]
    /// Keys of the imported lines that no field reads (not stored).
    package var unreadKeys: UnreadKeys
}

/// Why an import stored nothing.
package enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The file has no non-blank line.
    case empty
    /// Some lines are bad and `skipInvalid` was off.
    case invalidLines([ImportIssue])

    package var description: String {
        switch self {
        case .empty:
            return "the file holds no experiences"
        case .invalidLines(let issues):
            let shown = issues.prefix(20).map { "  \($0)" }.joined(separator: "\n")
            let more = issues.count > 20 ? "\n  ... and \(issues.count - 20) more" : ""
            return
                "\(issues.count) invalid line(s); nothing was imported (use --skip-invalid to import the valid ones):\n"
                + shown + more
        }
    }
}
