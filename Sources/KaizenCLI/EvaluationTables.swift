import Evaluation
import Foundation
import RLTraining

/// `kaizen eval`'s terminal output: one column per version (or per pair), one row per figure, each with its 95%
/// interval, and the notes a reader needs to weigh them.
struct EvaluationTables {
    var result: EvaluationResult

    func rendered() -> String {
        let result = self.result
        var lines = [
            "\(result.experiences) experiences"
                + (result.answersPerExperience > 1 ? " × \(result.answersPerExperience) answers" : "")
                + ", model \(result.model)\(result.simulated ? " (simulated)" : ""), "
                + "reward model \(result.rewardModel), seed \(result.seed)",
            "",
            Table(
                headers: ["figure (95% interval)"] + result.versions.map(\.promptID),
                rows: [["mean reward"] + result.versions.map { Self.value($0.meanReward) }]
                    + EvaluationResult.failureModes.map { mode in
                        [Self.label(mode) + " rate"] + result.versions.map { Self.percent($0.failureRates[mode]) }
                    }
            ).rendered(),
        ]
        if !result.differences.isEmpty {
            lines += [
                "",
                "paired differences (later minus earlier, same experiences and seeds):",
                Table(
                    headers: ["figure (95% interval)"] + result.differences.map { "\($0.candidate) - \($0.baseline)" },
                    rows: [["mean reward"] + result.differences.map { Self.value($0.reward, signed: true) }]
                        + EvaluationResult.failureModes.map { mode in
                            [Self.label(mode) + " rate"]
                                + result.differences.map { Self.percent($0.failureRates[mode], signed: true) }
                        }
                        + [
                            ["verdict"]
                                + result.differences.map {
                                    $0.verdict.rawValue.replacingOccurrences(of: "_", with: " ")
                                }
                        ]
                ).rendered(),
            ]
        }
        if let note = result.tooLittleDataNote { lines += ["", "note: " + note] }
        if result.simulated {
            lines += ["note: answers come from the built-in simulator; they exercise the machinery, not a real model."]
        }
        return lines.joined(separator: "\n")
    }

    static func label(_ mode: String) -> String { mode.replacingOccurrences(of: "_", with: " ") }

    static func value(_ interval: ConfidenceInterval, signed: Bool = false) -> String {
        let format = signed ? "%+.3f [%+.3f, %+.3f]" : "%.3f [%.3f, %.3f]"
        return String(format: format, interval.estimate, interval.low, interval.high)
    }

    static func percent(_ interval: ConfidenceInterval?, signed: Bool = false) -> String {
        guard let interval else { return "-" }
        let format = signed ? "%+.1f%% [%+.1f, %+.1f]" : "%.1f%% [%.1f, %.1f]"
        return String(format: format, interval.estimate * 100, interval.low * 100, interval.high * 100)
    }
}
