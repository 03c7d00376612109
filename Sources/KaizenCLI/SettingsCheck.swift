import Configuration
import Foundation
import HTTPSupport
import Logging
import Verification

/// The numeric and named settings read from the environment, checked before any command runs.
///
/// swift-configuration's `int(forKey:default:)` returns the default for a value it cannot read, so
/// `KAIZEN_HTTP_PORT=abc` used to start on the default port and `KAIZEN_LLM_MAX_CONCURRENCY=0` to run with 1, both
/// without a word; a command line option with the same mistake is refused. Here every such value is read as text
/// and refused with the variable's name, what it holds and what it should hold.
enum SettingsCheck {
    /// What a setting must be: a whole number or a number, within bounds.
    enum Kind {
        case integer(ClosedRange<Int>)
        /// A number above `above` (or at least it, when `inclusive`).
        case number(above: Double, inclusive: Bool)
    }

    /// Every numeric setting a command reads, by key under `kaizen.`.
    static let numeric: [(key: String, kind: Kind)] =
        [("http.port", .integer(0...65_535))]
        + ServiceKind.allCases.map { ("\($0.configKey).port", .integer(0...65_535)) } + [
            ("http.maxBodySize", .integer(1...Int.max)),
            ("http.idleTimeout", .number(above: 0, inclusive: false)),
            ("job.lease", .number(above: 0, inclusive: false)),
            ("llm.timeout", .integer(1...Int.max)),
            ("llm.timeoutPerToken", .number(above: 0, inclusive: true)),
            ("llm.maxConcurrency", .integer(1...Int.max)),
            ("llm.maxRetries", .integer(0...Int.max)),
            ("llm.maxChoicesPerRequest", .integer(1...Int.max)),
            ("llm.endpointCooldown", .number(above: 0, inclusive: true)),
        ]

    /// `kaizen.http.maxBodySize` → `KAIZEN_HTTP_MAX_BODY_SIZE`, as the environment provider maps keys.
    static func variable(for key: String) -> String {
        var name = "KAIZEN_"
        for character in key {
            if character == "." {
                name += "_"
            } else if character.isUppercase {
                name += "_" + character.uppercased()
            } else {
                name += character.uppercased()
            }
        }
        return name
    }

    /// `KAIZEN_VERIFIER_GROUNDING_MODEL`: a file `kaizen calibrate` wrote, which every verifier then uses.
    static let groundingModelKey = "verifier.groundingModel"

    /// The calibrated grounding model the settings name, if any.
    /// - Throws: ``CommandFailure`` naming the variable and why its file cannot be used.
    static func groundingModel(in reader: ConfigReader) throws(CommandFailure) -> FittedGroundingModel? {
        guard let path = reader.string(forKey: ConfigKey(Self.groundingModelKey)), !path.isEmpty else { return nil }
        do {
            return try FittedGroundingModel.load(path: path)
        } catch let error as VerificationError {
            throw CommandFailure("\(Self.variable(for: Self.groundingModelKey)): \(error.reason)")
        } catch {
            throw CommandFailure("\(Self.variable(for: Self.groundingModelKey)): \(error)")
        }
    }

    /// The first setting `reader` (scoped to `kaizen`) holds that its command could not use, as a message.
    static func problem(in reader: ConfigReader) -> String? {
        do {
            _ = try Self.groundingModel(in: reader)
        } catch {
            return error.description
        }
        if let level = reader.string(forKey: "log.level"), Logger.Level(rawValue: level) == nil {
            return
                "\(Self.variable(for: "log.level")) is '\(level)'; use trace, debug, info, notice, warning, error or critical"
        }
        for (key, kind) in Self.numeric {
            guard let text = reader.string(forKey: ConfigKey(key)) else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            switch kind {
            case .integer(let range):
                guard let value = Int(trimmed), range.contains(value) else {
                    let bounds =
                        range.upperBound == Int.max
                        ? "a whole number of at least \(range.lowerBound)"
                        : "a whole number from \(range.lowerBound) to \(range.upperBound)"
                    return "\(Self.variable(for: key)) is '\(text)'; it must be \(bounds)"
                }
            case .number(let above, let inclusive):
                guard let value = Double(trimmed), value.isFinite, inclusive ? value >= above : value > above else {
                    let bound = inclusive ? "at least" : "above"
                    return "\(Self.variable(for: key)) is '\(text)'; it must be a number \(bound) \(Int(above))"
                }
            }
        }
        return nil
    }
}
