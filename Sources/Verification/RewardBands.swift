/// The reward range of each outcome, so that the reward orders outcomes whatever the parts say: a grounded answer >
/// a correct abstention, and a grounded answer > an answer with a minor defect (too long, cut short, broken format) >
/// a refusal or non-answer > a hallucination.
///
/// A verdict's reward is its parts' weighted mean `q` (``RewardParts/reward(weights:)``) clamped to its outcome's
/// band. Without the bands, a polite refusal of an answerable question scored 0.585 and an echo of the question 0.69,
/// above a mostly right answer with one invented detail: an optimiser would have learned to decline or to repeat the
/// question. Clamping rather than rescaling keeps `q` as it was wherever it already ordered outcomes rightly (a
/// grounded answer near 0.88, a padded one near 0.75, a hallucination near 0.37), so the trade-offs between
/// clusters that the trainer weighs are the ones it weighed before; an affine layout that spread the bands over
/// 0...1 made trimming a padded answer worth more than fixing a hallucination, and cost the learning tests seeds.
package struct RewardBands: Sendable, Hashable, Codable {
    /// A grounded answer with no failure mode. Default 0.8...1.
    package var answer: ClosedRange<Double>
    /// A correct abstention (or decline) on a request the context cannot answer. Default 0.46...0.79.
    package var abstention: ClosedRange<Double>
    /// An answer whose only failures are `incomplete`, `verbose` or `format`. Default 0.46...0.79.
    package var minorFailure: ClosedRange<Double>
    /// A `refusal` of an answerable request or an `unanswered` one. Default 0.36...0.45.
    package var nonAnswer: ClosedRange<Double>
    /// A `hallucination` or a `missed_abstention`. Default 0...0.35.
    package var hallucination: ClosedRange<Double>

    /// Creates bands; every band has a default.
    package init(
        answer: ClosedRange<Double> = 0.8...1,
        abstention: ClosedRange<Double> = 0.46...0.79,
        minorFailure: ClosedRange<Double> = 0.46...0.79,
        nonAnswer: ClosedRange<Double> = 0.36...0.45,
        hallucination: ClosedRange<Double> = 0...0.35
    ) {
        self.answer = answer
        self.abstention = abstention
        self.minorFailure = minorFailure
        self.nonAnswer = nonAnswer
        self.hallucination = hallucination
    }

    /// The band of an outcome: the worst failure decides.
    package func band(kind: ResponseKind, failures: [ResponseFailure]) -> ClosedRange<Double> {
        if failures.contains(where: { $0 == .hallucination || $0 == .missedAbstention }) { return self.hallucination }
        if failures.contains(where: { $0 == .refusal || $0 == .unanswered }) { return self.nonAnswer }
        if !failures.isEmpty { return self.minorFailure }
        return kind.isNonAnswer ? self.abstention : self.answer
    }

    /// The quality clamped to the band.
    package static func place(_ quality: Double, in band: ClosedRange<Double>) -> Double {
        min(band.upperBound, max(band.lowerBound, quality))
    }

    /// Checks that every band lies in 0...1 and that they keep the order: hallucination < non-answer < minor failure
    /// < answer, and non-answer < abstention < answer (an abstention and an answer with a minor defect are never
    /// alternatives on one request, so their bands may overlap).
    ///
    /// - Throws: ``VerificationError`` naming the bands that are out of order.
    package func validate() throws {
        let named: [(String, ClosedRange<Double>)] = [
            ("hallucination", self.hallucination), ("non_answer", self.nonAnswer),
            ("minor_failure", self.minorFailure), ("abstention", self.abstention), ("answer", self.answer),
        ]
        for (name, band) in named where !(band.lowerBound >= 0 && band.upperBound <= 1) {
            throw VerificationError.invalidConfiguration("reward band '\(name)' must lie within 0...1")
        }
        let order: [(String, ClosedRange<Double>, String, ClosedRange<Double>)] = [
            ("hallucination", self.hallucination, "non_answer", self.nonAnswer),
            ("non_answer", self.nonAnswer, "minor_failure", self.minorFailure),
            ("non_answer", self.nonAnswer, "abstention", self.abstention),
            ("minor_failure", self.minorFailure, "answer", self.answer),
            ("abstention", self.abstention, "answer", self.answer),
        ]
        for (lowerName, lower, upperName, upper) in order where !(lower.upperBound < upper.lowerBound) {
            throw VerificationError.invalidConfiguration(
                "reward band '\(lowerName)' must lie below '\(upperName)' without overlapping it")
        }
    }
}
